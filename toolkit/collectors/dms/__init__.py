"""AWS Database Migration Service: replication instances, endpoints and replication tasks.

Per account and region: DescribeReplicationInstances, DescribeEndpoints and
DescribeReplicationTasks, each paged; each answers every field its table holds, so there is no
per-resource call.
"""

from ..discover import export_tables

export_tables(__name__, globals())
