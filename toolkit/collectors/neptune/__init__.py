"""Amazon Neptune: DB clusters and their manual and automated cluster snapshots, with who may
restore a snapshot.

Neptune's API is RDS's: its DescribeDBClusters and DescribeDBClusterSnapshots answer every
engine's clusters (Aurora, DocumentDB, Neptune), so both are asked with the filter
``engine=neptune``, and the RDS tables leave Neptune's out: each cluster is in one table. Per
account and region: one DescribeDBClusters and one DescribeDBClusterSnapshots, paged at 100.
Then, only when ``public`` or ``shared_with_accounts`` is asked for, one
DescribeDBClusterSnapshotAttributes per manual snapshot, run concurrently (an automated snapshot
cannot be shared).
"""

from ..discover import export_tables

export_tables(__name__, globals())
