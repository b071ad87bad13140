"""``ec2.transit_gateways``: every transit gateway the account sees in the region, with its
attachment and route table options. One DescribeTransitGateways answers every column (a
gateway shared with the account through AWS RAM is listed too; ``owner_id`` says whose)."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE, TAGS_DOC, json_list, name_tag, tags_json


def _enabled(value: Any) -> bool | None:
    return None if value is None else value == "enable"


async def list_transit_gateways(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_transit_gateways", "TransitGateways", **PAGE)
    rows = []
    for tgw in found:
        options = tgw.get("Options") or {}
        rows.append(
            {
                "transit_gateway_id": tgw["TransitGatewayId"],
                "arn": tgw.get("TransitGatewayArn"),
                "name": name_tag(tgw),
                "state": tgw.get("State"),
                "owner_id": tgw.get("OwnerId"),
                "description": tgw.get("Description") or None,
                "creation_time": tgw.get("CreationTime"),
                "amazon_side_asn": options.get("AmazonSideAsn"),
                "auto_accept_shared_attachments": _enabled(
                    options.get("AutoAcceptSharedAttachments")
                ),
                "default_route_table_association": _enabled(
                    options.get("DefaultRouteTableAssociation")
                ),
                "default_route_table_propagation": _enabled(
                    options.get("DefaultRouteTablePropagation")
                ),
                "dns_support": _enabled(options.get("DnsSupport")),
                "vpn_ecmp_support": _enabled(options.get("VpnEcmpSupport")),
                "multicast_support": _enabled(options.get("MulticastSupport")),
                "cidr_blocks": json_list(options.get("TransitGatewayCidrBlocks") or []),
                "tags": tags_json(tgw),
            }
        )
    return rows


transit_gateways = declare(
    "ec2.transit_gateways",
    where="regional",
    key=("arn",),
    doc="Every transit gateway, with whether it accepts shared attachments by itself.",
    list=ListStep(("ec2:DescribeTransitGateways",), list_transit_gateways),
    columns=(
        Column("transit_gateway_id", "string", "The gateway's id (tgw-...)."),
        Column("arn", "string", "arn:aws:ec2:REGION:OWNER:transit-gateway/TRANSIT_GATEWAY_ID."),
        Column("name", "string", "The Name tag; null without one."),
        Column("state", "string", "pending, available, modifying, deleting or deleted."),
        Column("owner_id", "string", "The account that owns it."),
        Column("description", "string", "Its description; null without one."),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column("amazon_side_asn", "Int64", "The BGP ASN of its AWS side."),
        Column(
            "auto_accept_shared_attachments",
            "boolean",
            "Whether attachment requests from accounts it is shared with are accepted without "
            "review (AutoAcceptSharedAttachments enable).",
        ),
        Column(
            "default_route_table_association",
            "boolean",
            "Whether new attachments join the default route table by themselves.",
        ),
        Column(
            "default_route_table_propagation",
            "boolean",
            "Whether new attachments propagate routes to the default route table by themselves.",
        ),
        Column("dns_support", "boolean", "Whether DNS support is on."),
        Column("vpn_ecmp_support", "boolean", "Whether Equal Cost Multipath for VPNs is on."),
        Column("multicast_support", "boolean", "Whether multicast is on."),
        Column(
            "cidr_blocks",
            "string",
            "JSON sorted list of its CIDR blocks (TransitGatewayCidrBlocks); [] when none.",
        ),
        Column("tags", "string", TAGS_DOC),
    ),
)
