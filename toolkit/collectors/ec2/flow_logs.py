"""``ec2.flow_logs``: one DescribeFlowLogs answers every column."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import PAGE, describe

#: What a flow log watches, from its resource id's prefix (DescribeFlowLogs does not say).
FLOW_LOG_RESOURCE_TYPES = (
    ("vpc-", "VPC"),
    ("subnet-", "Subnet"),
    ("eni-", "NetworkInterface"),
    ("tgw-attach-", "TransitGatewayAttachment"),
    ("tgw-", "TransitGateway"),
)


@table(
    "ec2.flow_logs",
    where="regional",
    key=("flow_log_id",),
    calls=("ec2:DescribeFlowLogs",),
    columns=(
        ("flow_log_id", "string", "The flow log's id (fl-...)."),
        ("resource_id", "string", "The VPC, subnet, network interface or transit gateway logged."),
        (
            "resource_type",
            "string",
            "VPC, Subnet, NetworkInterface, TransitGateway or TransitGatewayAttachment, from the "
            "resource id's prefix; null when the prefix is unknown.",
        ),
        ("traffic_type", "string", "ACCEPT, REJECT or ALL."),
        ("log_destination_type", "string", "cloud-watch-logs, s3 or kinesis-data-firehose."),
        (
            "log_destination",
            "string",
            "Where the records go: the destination's ARN, else the CloudWatch Logs group name.",
        ),
        ("status", "string", "The flow log's status: ACTIVE."),
        (
            "deliver_logs_status",
            "string",
            "SUCCESS, FAILED (e.g. the log group or permission is missing) or null.",
        ),
    ),
)
async def flow_logs(ctx: TableContext) -> list[dict[str, Any]]:
    """Every flow log, with what it watches, which traffic and where the records go."""
    found = await describe(ctx, "describe_flow_logs", "FlowLogs", **PAGE)
    return [
        {
            "flow_log_id": flow_log["FlowLogId"],
            "resource_id": flow_log.get("ResourceId"),
            "resource_type": resource_type(flow_log.get("ResourceId")),
            "traffic_type": flow_log.get("TrafficType"),
            "log_destination_type": flow_log.get("LogDestinationType"),
            "log_destination": flow_log.get("LogDestination") or flow_log.get("LogGroupName"),
            "status": flow_log.get("FlowLogStatus"),
            "deliver_logs_status": flow_log.get("DeliverLogsStatus"),
        }
        for flow_log in found
    ]


def resource_type(resource_id: str | None) -> str | None:
    """VPC, Subnet, ... from the id's prefix (tgw-attach- before tgw-); None if unknown."""
    for prefix, kind in FLOW_LOG_RESOURCE_TYPES:
        if str(resource_id or "").startswith(prefix):
            return kind
    return None
