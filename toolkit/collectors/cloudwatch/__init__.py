"""Amazon CloudWatch: metric alarms, with the metric they watch and the actions they take.

Per account and region: DescribeAlarms for metric alarms (AlarmTypes=MetricAlarm), paged at 100
alarms a page. Nothing is asked per alarm. Composite alarms have no metric and no rows.
"""

from ..discover import export_tables

export_tables(__name__, globals())
