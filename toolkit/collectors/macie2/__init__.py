"""Amazon Macie: whether it is enabled in each account and region.

Per account and region: GetMacieSession, once. Where Macie is not enabled AWS answers
AccessDeniedException "Macie is not enabled.": that is a row with ``enabled`` false, not an
error (any other AccessDeniedException, a missing permission, stays an error).
"""

from ..discover import export_tables

export_tables(__name__, globals())
