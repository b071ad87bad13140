"""Amazon GuardDuty: the detector of each account and region, and whether it is on.

Per account and region: ListDetectors, once (AWS allows one detector per account and region;
a region without one is a row with a null ``detector_id``, not an error), then GetDetector per
detector: 1 or 2 calls a region. Whether a member account is covered by the organization's
delegated administrator is read from ``organizations.delegated_administrators``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
