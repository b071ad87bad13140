"""``ec2.network_interfaces``: from the region's network interfaces (one paged
DescribeNetworkInterfaces a region, shared with the ``in_use`` columns of ``ec2.vpcs``,
``ec2.subnets``, ``ec2.security_groups`` and ``ec2.network_acls``)."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import all_network_interfaces, json_list


@table(
    "ec2.network_interfaces",
    where="regional",
    key=("network_interface_id",),
    calls=("ec2:DescribeNetworkInterfaces",),
    columns=(
        ("network_interface_id", "string", "The interface's id (eni-...)."),
        ("vpc_id", "string", "The VPC the interface is in."),
        ("subnet_id", "string", "The subnet the interface is in."),
        (
            "interface_type",
            "string",
            "interface (instances and most services), nat_gateway, lambda, vpc_endpoint, "
            "network_load_balancer, efa, trunk, ...",
        ),
        ("status", "string", "available (attached to nothing), attaching, in-use, detaching."),
        ("requester_id", "string", "Who created it: an account id, or the AWS service's id."),
        (
            "requester_managed",
            "boolean",
            "Whether an AWS service manages it for you (Lambda, RDS, endpoints, load balancers).",
        ),
        ("attachment_instance_id", "string", "The instance it is attached to; null if none."),
        ("attachment_status", "string", "attaching, attached, detaching or detached."),
        ("description", "string", "Its description; services write what they made it for."),
        ("security_group_ids", "string", "JSON list of the security groups attached to it."),
        ("private_ip_address", "string", "Its primary private IPv4 address."),
        ("public_ip", "string", "The public IPv4 address associated with it; null if none."),
    ),
)
async def network_interfaces(ctx: TableContext) -> list[dict[str, Any]]:
    """Every network interface: what runs in a VPC shows here, whoever launched it (instances,
    NAT gateways, Lambda functions in a VPC, databases, mount targets, endpoints, ...)."""
    rows = []
    for interface in await all_network_interfaces(ctx):
        attachment = interface.get("Attachment") or {}
        rows.append(
            {
                "network_interface_id": interface["NetworkInterfaceId"],
                "vpc_id": interface.get("VpcId"),
                "subnet_id": interface.get("SubnetId"),
                "interface_type": interface.get("InterfaceType"),
                "status": interface.get("Status"),
                "requester_id": interface.get("RequesterId"),
                "requester_managed": bool_or_none(interface.get("RequesterManaged")),
                "attachment_instance_id": attachment.get("InstanceId"),
                "attachment_status": attachment.get("Status"),
                "description": interface.get("Description"),
                "security_group_ids": json_list(
                    g["GroupId"] for g in interface.get("Groups") or []
                ),
                "private_ip_address": interface.get("PrivateIpAddress"),
                "public_ip": (interface.get("Association") or {}).get("PublicIp"),
            }
        )
    return rows
