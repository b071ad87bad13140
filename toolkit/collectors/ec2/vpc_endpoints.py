"""``ec2.vpc_endpoints``: every VPC endpoint of the account in the region, with the service it
reaches, its type, policy, private DNS, subnets and security groups. One DescribeVpcEndpoints
answers every column."""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE, TAGS_DOC, json_list, name_tag, resource_arn, tags_json


def _policy(document: Any) -> str | None:
    """The endpoint policy as compact JSON (AWS answers it as a string)."""
    if not document:
        return None
    try:
        return json.dumps(json.loads(document) if isinstance(document, str) else document)
    except ValueError:
        return str(document)


async def list_endpoints(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_vpc_endpoints", "VpcEndpoints", **PAGE)
    return [
        {
            "vpc_endpoint_id": e["VpcEndpointId"],
            "arn": resource_arn(ctx, "vpc-endpoint", e["VpcEndpointId"], e.get("OwnerId")),
            "name": name_tag(e),
            "vpc_endpoint_type": e.get("VpcEndpointType"),
            "vpc_id": e.get("VpcId"),
            "service_name": e.get("ServiceName"),
            "state": e.get("State"),
            "policy_document": _policy(e.get("PolicyDocument")),
            "private_dns_enabled": e.get("PrivateDnsEnabled"),
            "subnet_ids": json_list(e.get("SubnetIds") or []),
            "route_table_ids": json_list(e.get("RouteTableIds") or []),
            "security_group_ids": json_list(g["GroupId"] for g in e.get("Groups") or []),
            "network_interface_ids": json_list(e.get("NetworkInterfaceIds") or []),
            "owner_id": e.get("OwnerId"),
            "creation_timestamp": e.get("CreationTimestamp"),
            "tags": tags_json(e),
        }
        for e in found
    ]


vpc_endpoints = declare(
    "ec2.vpc_endpoints",
    where="regional",
    key=("arn",),
    doc="Every VPC endpoint: the AWS or partner service it reaches privately from a VPC.",
    list=ListStep(("ec2:DescribeVpcEndpoints",), list_endpoints),
    columns=(
        Column("vpc_endpoint_id", "string", "The endpoint's id (vpce-...)."),
        Column("arn", "string", "arn:aws:ec2:REGION:OWNER:vpc-endpoint/VPC_ENDPOINT_ID."),
        Column("name", "string", "The Name tag; null without one."),
        Column(
            "vpc_endpoint_type",
            "string",
            "Interface, Gateway, GatewayLoadBalancer, Resource or ServiceNetwork.",
        ),
        Column("vpc_id", "string", "The VPC it is in."),
        Column(
            "service_name",
            "string",
            "The service it reaches, e.g. com.amazonaws.us-east-1.ec2.",
        ),
        Column(
            "state",
            "string",
            "PendingAcceptance, Pending, Available, Deleting, Deleted, Rejected, Failed or "
            "Expired (AWS's case varies: compare case-insensitively).",
        ),
        Column(
            "policy_document",
            "string",
            "The endpoint policy as JSON; AWS's default allows everything to everyone.",
        ),
        Column(
            "private_dns_enabled",
            "boolean",
            "Whether the service's public DNS name resolves to the endpoint inside the VPC.",
        ),
        Column(
            "subnet_ids",
            "string",
            "JSON sorted list of its subnets (interface endpoints); [] for gateways.",
        ),
        Column(
            "route_table_ids",
            "string",
            "JSON sorted list of the route tables it is in (gateway endpoints); [] otherwise.",
        ),
        Column(
            "security_group_ids",
            "string",
            "JSON sorted list of the security groups of its network interfaces; [] when none.",
        ),
        Column(
            "network_interface_ids",
            "string",
            "JSON sorted list of its network interfaces (interface endpoints).",
        ),
        Column("owner_id", "string", "The account that owns it."),
        Column("creation_timestamp", "datetime64[ns, UTC]", "When it was created."),
        Column("tags", "string", TAGS_DOC),
    ),
)
