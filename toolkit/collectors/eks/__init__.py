"""Amazon EKS: clusters, with their Kubernetes version, API server endpoint access (public,
private, the CIDRs allowed in), control plane logging and envelope encryption of secrets.

Per account and region: ListClusters, paged at 100 names a page (it answers names only). Then
per cluster, DescribeCluster: 1 call a cluster, none when only the name and ARN are asked for.
A cluster deleted between the two calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
