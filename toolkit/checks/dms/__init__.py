"""DMS checks: FSBP DMS.1 (replication instance not public), DMS.6 (automatic minor version
upgrade), DMS.13 (Multi-AZ), DMS.9 (endpoints use SSL), DMS.10 (Neptune IAM authorization),
DMS.11 (MongoDB authentication) and DMS.12 (Redis OSS TLS).

Replication instances and endpoints are named by their identifiers. DMS.7 and DMS.8 judge
replication tasks, a table this package does not have yet.
"""
