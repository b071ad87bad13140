"""``logs.metric_filters``: one row per (metric filter, metric transformation).

AWS allows one metric transformation per filter today; a filter answered with more makes one row
each, so that the metric an alarm watches can always be joined to the filter pattern.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE, epoch_millis


async def list_metric_filters(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "describe_metric_filters", "metricFilters", **PAGE)
    return [
        {
            "log_group_name": found.get("logGroupName"),
            "filter_name": found.get("filterName"),
            "filter_pattern": found.get("filterPattern"),
            "metric_name": transformation.get("metricName"),
            "metric_namespace": transformation.get("metricNamespace"),
            "metric_value": transformation.get("metricValue"),
            "creation_time": epoch_millis(found.get("creationTime")),
        }
        for found in listed
        for transformation in found.get("metricTransformations") or [{}]
    ]


metric_filters = declare(
    "logs.metric_filters",
    where="regional",
    key=("log_group_name", "filter_name", "metric_namespace", "metric_name"),
    doc="Every CloudWatch Logs metric filter: one row per (filter, metric transformation).",
    list=ListStep(("logs:DescribeMetricFilters",), list_metric_filters),
    columns=(
        Column("log_group_name", "string", "The log group the filter reads."),
        Column("filter_name", "string", "The filter's name."),
        Column(
            "filter_pattern",
            "string",
            'The filter pattern as AWS returns it, e.g. { ($.eventName = "ConsoleLogin") && ... }.',
        ),
        Column("metric_name", "string", "The metric the filter publishes."),
        Column("metric_namespace", "string", "The namespace of that metric (CISBenchmark, ...)."),
        Column("metric_value", "string", "What one matching event adds to the metric (1, $.x)."),
        Column("creation_time", "datetime64[ns, UTC]", "When the filter was created."),
    ),
)
