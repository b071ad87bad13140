"""``ec2.vpcs``: one DescribeVpcs answers every column but ``in_use``, which the region's network
interfaces answer (one DescribeNetworkInterfaces a region, shared)."""

from __future__ import annotations

from typing import Any

from ..base import Hydrate, TableContext, bool_or_none, table
from ._shared import (
    IN_USE_ACTIONS,
    IN_USE_DOC,
    PAGE,
    TAGS_DOC,
    describe,
    name_tag,
    resource_arn,
    tags_json,
    usage,
)


async def vpc_in_use(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    return {"in_use": item["vpc_id"] in (await usage(ctx)).vpc_ids}


@table(
    "ec2.vpcs",
    where="regional",
    key=("vpc_id",),
    calls=("ec2:DescribeVpcs",),
    hydrates=(Hydrate("usage", IN_USE_ACTIONS, vpc_in_use),),
    columns=(
        ("vpc_id", "string", "The VPC's id (vpc-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:vpc/ID."),
        ("name", "string", "The Name tag."),
        ("cidr_block", "string", "The VPC's primary IPv4 CIDR block."),
        ("is_default", "boolean", "Whether this is the region's default VPC."),
        ("state", "string", "pending or available."),
        ("tags", "string", TAGS_DOC),
        ("in_use", "boolean", IN_USE_DOC.format(where="is in the VPC"), "usage"),
    ),
)
async def vpcs(ctx: TableContext) -> list[dict[str, Any]]:
    """Every VPC, the region's default VPC included."""
    found = await describe(ctx, "describe_vpcs", "Vpcs", **PAGE)
    return [
        {
            "vpc_id": vpc["VpcId"],
            "arn": resource_arn(ctx, "vpc", vpc["VpcId"], vpc.get("OwnerId")),
            "name": name_tag(vpc),
            "cidr_block": vpc.get("CidrBlock"),
            "is_default": bool_or_none(vpc.get("IsDefault")),
            "state": vpc.get("State"),
            "tags": tags_json(vpc),
        }
        for vpc in found
    ]
