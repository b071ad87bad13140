"""Amazon CloudWatch Logs: log groups and their metric filters (where CIS section 4 looks for the
filters that turn CloudTrail events into metrics).

Per account and region: DescribeLogGroups, paged at 50 groups a page, and DescribeMetricFilters,
paged at 50 filters a page, once each for the whole region (not once per log group). Nothing is
asked per item.
"""

from ..discover import export_tables

export_tables(__name__, globals())
