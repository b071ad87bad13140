"""RDS checks: CIS AWS Foundations v3.0.0 section 2.3, and RDS best practices beyond it.

DB instances are named by their identifier, snapshots by theirs, clusters by theirs (the ids
the console and the CLI take). Settings that Aurora and Multi-AZ DB clusters manage for the
whole cluster (deletion protection, backups, Multi-AZ) are judged on the cluster, not on its
member instances.
"""
