"""``ec2.internet_gateways``: one DescribeInternetGateways answers every column."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import PAGE, describe, name_tag, resource_arn


@table(
    "ec2.internet_gateways",
    where="regional",
    key=("internet_gateway_id",),
    calls=("ec2:DescribeInternetGateways",),
    columns=(
        ("internet_gateway_id", "string", "The gateway's id (igw-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:internet-gateway/ID."),
        ("name", "string", "The Name tag."),
        ("attached_vpc_id", "string", "The VPC it is attached to; null if detached."),
        ("state", "string", "The attachment's state (available when attached), or detached."),
    ),
)
async def internet_gateways(ctx: TableContext) -> list[dict[str, Any]]:
    """Every internet gateway and the VPC it is attached to."""
    found = await describe(ctx, "describe_internet_gateways", "InternetGateways", **PAGE)
    rows = []
    for gateway in found:
        attachment = (gateway.get("Attachments") or [{}])[0]
        gateway_id = gateway["InternetGatewayId"]
        rows.append(
            {
                "internet_gateway_id": gateway_id,
                "arn": resource_arn(ctx, "internet-gateway", gateway_id, gateway.get("OwnerId")),
                "name": name_tag(gateway),
                "attached_vpc_id": attachment.get("VpcId"),
                "state": attachment.get("State") or "detached",
            }
        )
    return rows
