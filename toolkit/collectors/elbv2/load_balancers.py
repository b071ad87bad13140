"""``elbv2.load_balancers``: every Application, Network and Gateway Load Balancer, with the
attributes the FSBP ELB controls judge (deletion protection, access logs, invalid header fields,
desync mitigation).

The list step (DescribeLoadBalancers) answers the load balancer itself; its attributes are a
per-load-balancer hydrate (DescribeLoadBalancerAttributes), called only when one of their
columns is asked for.
"""

from __future__ import annotations

import json
from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import SERVICE, describe_load_balancers

#: A load balancer deleted between the list and its attributes is gone: no row.
GONE = ("LoadBalancerNotFound",)


async def list_load_balancers(ctx: TableContext) -> list[dict[str, Any]]:
    return [_row(balancer) for balancer in await describe_load_balancers(ctx)]


def _row(balancer: dict[str, Any]) -> dict[str, Any]:
    zones = balancer.get("AvailabilityZones") or []
    return {
        "arn": balancer["LoadBalancerArn"],
        "name": balancer.get("LoadBalancerName"),
        "type": balancer.get("Type"),
        "scheme": balancer.get("Scheme"),
        "dns_name": balancer.get("DNSName"),
        "vpc_id": balancer.get("VpcId"),
        "state": (balancer.get("State") or {}).get("Code"),
        "ip_address_type": balancer.get("IpAddressType"),
        "created_time": balancer.get("CreatedTime"),
        "availability_zones": json.dumps(sorted(z["ZoneName"] for z in zones if "ZoneName" in z)),
        "subnet_ids": json.dumps(sorted(z["SubnetId"] for z in zones if "SubnetId" in z)),
        "security_groups": json.dumps(sorted(balancer.get("SecurityGroups") or [])),
    }


def _flag(attributes: dict[str, str], key: str) -> bool | None:
    value = attributes.get(key)
    return None if value is None else value.lower() == "true"


async def attributes(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    try:
        answer = await ctx.aws.call(
            client, "describe_load_balancer_attributes", LoadBalancerArn=item["arn"]
        )
    except Exception as exc:
        if error_code(exc) in GONE:
            return None
        raise
    values = {a["Key"]: a.get("Value") for a in answer.get("Attributes") or []}
    return {
        "deletion_protection": _flag(values, "deletion_protection.enabled"),
        "access_logs_enabled": _flag(values, "access_logs.s3.enabled"),
        "access_logs_bucket": values.get("access_logs.s3.bucket") or None,
        "drop_invalid_header_fields": _flag(
            values, "routing.http.drop_invalid_header_fields.enabled"
        ),
        "desync_mitigation_mode": values.get("routing.http.desync_mitigation_mode") or None,
    }


ATTRIBUTES = "attributes"

load_balancers = declare(
    "elbv2.load_balancers",
    where="regional",
    key=("arn",),
    doc="Every Application, Network and Gateway Load Balancer, with its protection and logging "
    "attributes.",
    list=ListStep(("elasticloadbalancing:DescribeLoadBalancers",), list_load_balancers),
    hydrates=(
        Hydrate(ATTRIBUTES, ("elasticloadbalancing:DescribeLoadBalancerAttributes",), attributes),
    ),
    columns=(
        Column(
            "arn",
            "string",
            "arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app|net|gwy/NAME/ID.",
        ),
        Column("name", "string", "The load balancer's name."),
        Column("type", "string", "application, network or gateway."),
        Column("scheme", "string", "internet-facing or internal."),
        Column("dns_name", "string", "The public DNS name AWS gave it."),
        Column("vpc_id", "string", "The VPC it is in."),
        Column("state", "string", "active, provisioning, active_impaired or failed."),
        Column("ip_address_type", "string", "ipv4, dualstack or dualstack-without-public-ipv4."),
        Column("created_time", "datetime64[ns, UTC]", "When it was created."),
        Column("availability_zones", "string", "JSON list of its Availability Zones, sorted."),
        Column("subnet_ids", "string", "JSON list of its subnets, sorted."),
        Column(
            "security_groups",
            "string",
            "JSON list of its security groups, sorted (empty for most Network and all Gateway "
            "Load Balancers).",
        ),
        Column(
            "deletion_protection",
            "boolean",
            "Whether deletion protection is on (deletion_protection.enabled).",
            ATTRIBUTES,
        ),
        Column(
            "access_logs_enabled",
            "boolean",
            "Whether access logs go to S3 (access_logs.s3.enabled); null for Gateway Load "
            "Balancers, which have none.",
            ATTRIBUTES,
        ),
        Column(
            "access_logs_bucket",
            "string",
            "The S3 bucket its access logs go to; null when none is set.",
            ATTRIBUTES,
        ),
        Column(
            "drop_invalid_header_fields",
            "boolean",
            "Application Load Balancers: whether HTTP headers with invalid names are dropped "
            "(routing.http.drop_invalid_header_fields.enabled); null for other types.",
            ATTRIBUTES,
        ),
        Column(
            "desync_mitigation_mode",
            "string",
            "Application Load Balancers: monitor, defensive or strictest "
            "(routing.http.desync_mitigation_mode); null for other types.",
            ATTRIBUTES,
        ),
    ),
)
