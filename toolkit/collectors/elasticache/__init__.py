"""Amazon ElastiCache: replication groups (Redis OSS and Valkey), with their automatic
failover, encryption at rest and in transit, AUTH and automatic backups; and cache clusters,
with their subnet group, minor version upgrades and automatic backups.

Per account and region: DescribeReplicationGroups and DescribeCacheClusters, each paged at 100
a page; they answer every column, so there are no per-resource calls.
"""

from ..discover import export_tables

export_tables(__name__, globals())
