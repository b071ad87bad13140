"""AWS Security Hub: whether it is enabled in each account and region, and the standards on.

Per account and region: DescribeHub, once (its "not subscribed" answer, InvalidAccessException,
is a row with ``enabled`` false, not an error), then GetEnabledStandards where the hub is
enabled: 1 or 2 calls a region. Whether a member account is covered by the organization's
delegated administrator is read from ``organizations.delegated_administrators``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
