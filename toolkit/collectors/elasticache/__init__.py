"""Amazon ElastiCache: replication groups (Redis OSS and Valkey), with their automatic
failover, encryption at rest and in transit, AUTH and automatic backups.

Per account and region: DescribeReplicationGroups, paged at 100 groups a page; it answers every
column, so there are no per-group calls.
"""

from ..discover import export_tables

export_tables(__name__, globals())
