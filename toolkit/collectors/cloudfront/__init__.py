"""Amazon CloudFront: the account's distributions, with how viewers and origins are reached.

CloudFront is global; its API is in us-east-1. Per account: ListDistributions, paged at 100
distributions a page (it answers each distribution's origins, origin groups, cache behaviours
and their viewer protocol policies, viewer certificate and web ACL). Then per distribution,
GetDistributionConfig: 1 call a distribution, none when none of its columns (default root
object, standard logging) is asked for.
"""

from ..discover import export_tables

export_tables(__name__, globals())
