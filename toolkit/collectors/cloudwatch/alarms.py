"""``cloudwatch.alarms``: every metric alarm, with its metric, threshold, actions and state.

An alarm on a metric math expression has no single metric: ``metric_name`` and ``namespace`` are
null, and ``statistic`` too (its statistics are inside the expression's metrics).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, bool_or_none, declare

SERVICE = "cloudwatch"
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def list_alarms(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(
        client, "describe_alarms", "MetricAlarms", AlarmTypes=["MetricAlarm"], **PAGE
    )
    return [
        {
            "alarm_name": alarm.get("AlarmName"),
            "alarm_arn": alarm["AlarmArn"],
            "namespace": alarm.get("Namespace"),
            "metric_name": alarm.get("MetricName"),
            "statistic": alarm.get("Statistic") or alarm.get("ExtendedStatistic"),
            "period": alarm.get("Period"),
            "comparison_operator": alarm.get("ComparisonOperator"),
            "threshold": alarm.get("Threshold"),
            "evaluation_periods": alarm.get("EvaluationPeriods"),
            "actions_enabled": bool_or_none(alarm.get("ActionsEnabled")),
            "alarm_actions": json.dumps(sorted(set(alarm.get("AlarmActions") or []))),
            "state_value": alarm.get("StateValue"),
        }
        for alarm in listed
    ]


alarms = declare(
    "cloudwatch.alarms",
    where="regional",
    key=("alarm_arn",),
    doc="Every CloudWatch metric alarm, with its metric, threshold, actions and state.",
    list=ListStep(("cloudwatch:DescribeAlarms",), list_alarms),
    columns=(
        Column("alarm_name", "string", "The alarm's name."),
        Column("alarm_arn", "string", "arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME."),
        Column(
            "namespace",
            "string",
            "The namespace of the metric it watches; null for a metric math alarm.",
        ),
        Column(
            "metric_name",
            "string",
            "The metric it watches (a metric filter's metric, ...); null for a metric math alarm.",
        ),
        Column(
            "statistic",
            "string",
            "Sum, Average, SampleCount, Minimum, Maximum or a percentile (p99); null for a "
            "metric math alarm.",
        ),
        Column("period", "Int64", "Seconds over which the statistic is taken; null for math."),
        Column(
            "comparison_operator",
            "string",
            "GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, ...",
        ),
        Column("threshold", "float64", "The value the statistic is compared with."),
        Column("evaluation_periods", "Int64", "How many periods are compared."),
        Column("actions_enabled", "boolean", "Whether its actions run when its state changes."),
        Column(
            "alarm_actions",
            "string",
            "JSON list of the ARNs notified when it goes into ALARM (SNS topics, ...).",
        ),
        Column("state_value", "string", "OK, ALARM or INSUFFICIENT_DATA."),
    ),
)
