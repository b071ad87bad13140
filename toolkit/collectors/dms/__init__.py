"""AWS Database Migration Service: replication instances and endpoints.

Per account and region: DescribeReplicationInstances and DescribeEndpoints, each paged; both
answer every field the tables hold, so there is no per-resource call.
"""

from ..discover import export_tables

export_tables(__name__, globals())
