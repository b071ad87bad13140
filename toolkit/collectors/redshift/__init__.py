"""Amazon Redshift: provisioned clusters, with their public access, encryption at rest, enhanced
VPC routing, automated snapshot retention, major version upgrades, admin user name, port and
audit logging.

Per account and region: DescribeClusters, paged at 100 clusters a page (it answers everything
but audit logging). Then per cluster, DescribeLoggingStatus: 1 call a cluster, none when its
columns are not asked for. A cluster deleted between the list and its logging call has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
