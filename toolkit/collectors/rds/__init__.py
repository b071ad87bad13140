"""Amazon RDS: DB instances, DB clusters, their manual and automated snapshots with who may
restore them, and event notification subscriptions.

Per account and region: one DescribeDBInstances, one DescribeDBClusters, one
DescribeEventSubscriptions, one DescribeDBSnapshots and one DescribeDBClusterSnapshots (no
snapshot type: manual and automated), each paged at 100 items a page, so they grow only with the resources over the page size. Then one attribute call
per manual snapshot, run concurrently (only when ``public`` or ``shared_with_accounts`` is asked
for): DescribeDBSnapshotAttributes for an instance snapshot, DescribeDBClusterSnapshotAttributes
for a cluster snapshot. Its ``restore`` attribute says who may restore (copy) the snapshot:
``all`` makes it public, account ids share it. Automated snapshots cannot be shared, so they get
no attribute call.
"""

from ..discover import export_tables

export_tables(__name__, globals())
