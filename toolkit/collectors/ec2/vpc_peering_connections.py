"""``ec2.vpc_peering_connections``: one DescribeVpcPeeringConnections answers every column.

A peering between two accounts is listed by both (and a peering between two regions in both
regions): each row is the peering as the account and region that answered see it, and ``side``
says which end that account holds. The routes that use a peering are in ``ec2.route_tables``
(target type ``vpc_peering_connection``).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import PAGE, TAGS_DOC, describe, name_tag, partition, tags_json

#: The ends of a peering, as AWS names their descriptions.
ENDS = (("requester", "RequesterVpcInfo"), ("accepter", "AccepterVpcInfo"))


@table(
    "ec2.vpc_peering_connections",
    where="regional",
    key=("vpc_peering_connection_id",),
    calls=("ec2:DescribeVpcPeeringConnections",),
    columns=(
        ("vpc_peering_connection_id", "string", "The peering's id (pcx-...)."),
        (
            "arn",
            "string",
            "arn:aws:ec2:REGION:ACCOUNT:vpc-peering-connection/ID, in the requester's region "
            "and account (the peering's owner).",
        ),
        ("name", "string", "The Name tag."),
        (
            "status",
            "string",
            "initiating-request, pending-acceptance, provisioning, active, deleting, deleted, "
            "rejected, failed or expired.",
        ),
        ("status_message", "string", "AWS's sentence for the status."),
        (
            "side",
            "string",
            "Which end the account that answered holds: requester, accepter or both (a peering "
            "between two VPCs of one account).",
        ),
        ("requester_vpc_id", "string", "The VPC that asked for the peering."),
        ("requester_owner_id", "string", "The account that owns the requester VPC."),
        ("requester_region", "string", "The requester VPC's region."),
        (
            "requester_cidr_blocks",
            "string",
            "JSON list of the requester VPC's IPv4 CIDR blocks (CidrBlockSet, or its CidrBlock).",
        ),
        (
            "requester_ipv6_cidr_blocks",
            "string",
            "JSON list of the requester VPC's IPv6 CIDR blocks (Ipv6CidrBlockSet); [] without.",
        ),
        (
            "requester_allow_dns_resolution",
            "boolean",
            "Whether the requester VPC resolves the accepter's private DNS names to private IPs "
            "(AllowDnsResolutionFromRemoteVpc).",
        ),
        ("accepter_vpc_id", "string", "The VPC that was asked."),
        ("accepter_owner_id", "string", "The account that owns the accepter VPC."),
        ("accepter_region", "string", "The accepter VPC's region."),
        (
            "accepter_cidr_blocks",
            "string",
            "JSON list of the accepter VPC's IPv4 CIDR blocks (CidrBlockSet, or its CidrBlock).",
        ),
        (
            "accepter_ipv6_cidr_blocks",
            "string",
            "JSON list of the accepter VPC's IPv6 CIDR blocks (Ipv6CidrBlockSet); [] without.",
        ),
        (
            "accepter_allow_dns_resolution",
            "boolean",
            "Whether the accepter VPC resolves the requester's private DNS names to private IPs "
            "(AllowDnsResolutionFromRemoteVpc).",
        ),
        ("tags", "string", TAGS_DOC),
    ),
)
async def vpc_peering_connections(ctx: TableContext) -> list[dict[str, Any]]:
    """Every peering the account sees in the region, whichever end it holds."""
    found = await describe(ctx, "describe_vpc_peering_connections", "VpcPeeringConnections", **PAGE)
    return [peering_row(ctx.account_id, ctx.region, peering) for peering in found]


def peering_row(account_id: str, region: str, peering: dict[str, Any]) -> dict[str, Any]:
    """One peering as ``account_id`` sees it in ``region``."""
    row: dict[str, Any] = {
        "vpc_peering_connection_id": peering["VpcPeeringConnectionId"],
        "name": name_tag(peering),
        "status": (peering.get("Status") or {}).get("Code"),
        "status_message": (peering.get("Status") or {}).get("Message"),
        "tags": tags_json(peering),
    }
    for end, field in ENDS:
        info = peering.get(field) or {}
        options = info.get("PeeringOptions") or {}
        row.update(
            {
                f"{end}_vpc_id": info.get("VpcId"),
                f"{end}_owner_id": info.get("OwnerId"),
                f"{end}_region": info.get("Region"),
                f"{end}_cidr_blocks": json.dumps(cidr_blocks(info)),
                f"{end}_ipv6_cidr_blocks": json.dumps(
                    [
                        b["Ipv6CidrBlock"]
                        for b in info.get("Ipv6CidrBlockSet") or []
                        if b.get("Ipv6CidrBlock")
                    ]
                ),
                f"{end}_allow_dns_resolution": bool_or_none(
                    options.get("AllowDnsResolutionFromRemoteVpc")
                ),
            }
        )
    owners = {row["requester_owner_id"], row["accepter_owner_id"]}
    row["side"] = (
        "both"
        if owners == {account_id}
        else "requester"
        if row["requester_owner_id"] == account_id
        else "accepter"
    )
    owner = row["requester_owner_id"] or account_id
    owner_region = row["requester_region"] or region
    row["arn"] = (
        f"arn:{partition(owner_region)}:ec2:{owner_region}:{owner}:vpc-peering-connection/"
        f"{row['vpc_peering_connection_id']}"
    )
    return row


def cidr_blocks(info: dict[str, Any]) -> list[str]:
    """A VPC's IPv4 blocks as the peering states them: CidrBlockSet when given (it holds every
    block, the primary first), else the one CidrBlock."""
    blocks = [b["CidrBlock"] for b in info.get("CidrBlockSet") or [] if b.get("CidrBlock")]
    if not blocks and info.get("CidrBlock"):
        blocks = [info["CidrBlock"]]
    return blocks
