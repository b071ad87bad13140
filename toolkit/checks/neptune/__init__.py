"""Neptune checks: AWS FSBP Neptune.1-6 and Neptune.8, on the cluster and its snapshots.

Clusters and snapshots are named by their identifiers. Neptune is judged on the cluster: every
setting these controls ask about (encryption, backups, logs, protection) is the cluster's.
"""
