"""Amazon DynamoDB: tables, with their deletion protection, encryption at rest, capacity mode
and point-in-time recovery.

Per account and region: ListTables, paged at 100 names a page (it answers names only). Then per
table, run concurrently: DescribeTable (status, capacity mode, deletion protection, encryption)
and DescribeContinuousBackups (point-in-time recovery): 2 calls a table, fewer when fewer
columns are asked for. A table deleted between the list and its detail calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
