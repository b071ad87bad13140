"""AWS Config: the configuration recorders of each region, their status and delivery channel.

Per account and region: DescribeConfigurationRecorders, then DescribeConfigurationRecorderStatus
and DescribeDeliveryChannels, each asked once per region (not per recorder) and only when one of
their columns is asked for: at most 3 calls a region. A region with no recorder still has a row
(recorder_name null, recording false) so that a check can fail it. None of these calls pages.
"""

from ..discover import export_tables

export_tables(__name__, globals())
