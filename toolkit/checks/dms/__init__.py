"""DMS checks: FSBP DMS.1 (replication instance not public), DMS.6 (automatic minor version
upgrade), DMS.13 (Multi-AZ), DMS.9 (endpoints use SSL), DMS.10 (Neptune IAM authorization),
DMS.11 (MongoDB authentication), DMS.12 (Redis OSS TLS), and DMS.7 and DMS.8 (replication
tasks log the target and the source database).

Replication instances, endpoints and replication tasks are named by their identifiers.
"""
