"""``ec2.nat_gateways``: one DescribeNatGateways answers every column."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import PAGE, describe


@table(
    "ec2.nat_gateways",
    where="regional",
    key=("nat_gateway_id",),
    calls=("ec2:DescribeNatGateways",),
    columns=(
        ("nat_gateway_id", "string", "The NAT gateway's id (nat-...)."),
        ("vpc_id", "string", "The VPC it serves."),
        ("subnet_id", "string", "The subnet it sits in."),
        ("state", "string", "pending, failed, available, deleting or deleted."),
        ("public_ip", "string", "Its primary public (Elastic) IP; null for a private one."),
        (
            "connectivity_type",
            "string",
            "public or private (public, the API's default, when the answer omits it).",
        ),
    ),
)
async def nat_gateways(ctx: TableContext) -> list[dict[str, Any]]:
    """Every NAT gateway, with where it sits and the public address it translates to."""
    found = await describe(ctx, "describe_nat_gateways", "NatGateways", **PAGE)
    rows = []
    for gateway in found:
        addresses = gateway.get("NatGatewayAddresses") or []
        primary = [a for a in addresses if a.get("IsPrimary")] + addresses
        rows.append(
            {
                "nat_gateway_id": gateway["NatGatewayId"],
                "vpc_id": gateway.get("VpcId"),
                "subnet_id": gateway.get("SubnetId"),
                "state": gateway.get("State"),
                "public_ip": next((a["PublicIp"] for a in primary if a.get("PublicIp")), None),
                "connectivity_type": gateway.get("ConnectivityType") or "public",
            }
        )
    return rows
