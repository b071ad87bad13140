"""AWS Private CA (``acm-pca``): the private certificate authorities each account owns.

Per account and region: ListCertificateAuthorities (ResourceOwner SELF), paginated; it describes
each CA in full, so there is no per-CA call.
"""

from ..discover import export_tables

export_tables(__name__, globals())
