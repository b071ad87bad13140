"""``elb.load_balancers``: every Classic Load Balancer, with the attributes the FSBP ELB
controls judge (access logs, connection draining, cross-zone load balancing, desync mitigation).

The list step (DescribeLoadBalancers) answers the load balancer itself; its attributes are a
per-load-balancer hydrate (DescribeLoadBalancerAttributes), called only when one of their
columns is asked for.
"""

from __future__ import annotations

import json
from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import GONE, SERVICE, describe_load_balancers, load_balancer_arn

#: The additional attribute that holds a Classic Load Balancer's desync mitigation mode.
DESYNC_MODE = "elb.http.desyncmitigationmode"


async def list_load_balancers(ctx: TableContext) -> list[dict[str, Any]]:
    balancers = await describe_load_balancers(ctx)
    return [_row(ctx, balancer) for balancer in balancers]


def _row(ctx: TableContext, balancer: dict[str, Any]) -> dict[str, Any]:
    listeners = [d.get("Listener") or {} for d in balancer.get("ListenerDescriptions") or []]
    instances = [i["InstanceId"] for i in balancer.get("Instances") or [] if "InstanceId" in i]
    return {
        "arn": load_balancer_arn(ctx.region, ctx.account_id, balancer["LoadBalancerName"]),
        "name": balancer["LoadBalancerName"],
        "scheme": balancer.get("Scheme"),
        "dns_name": balancer.get("DNSName"),
        "vpc_id": balancer.get("VPCId"),
        "created_time": balancer.get("CreatedTime"),
        "availability_zones": json.dumps(sorted(balancer.get("AvailabilityZones") or [])),
        "subnet_ids": json.dumps(sorted(balancer.get("Subnets") or [])),
        "security_groups": json.dumps(sorted(balancer.get("SecurityGroups") or [])),
        "instance_ids": json.dumps(sorted(instances)),
        "listener_protocols": json.dumps(
            sorted({str(x.get("Protocol", "")).upper() for x in listeners})
        ),
    }


async def attributes(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    try:
        answer = await ctx.aws.call(
            client, "describe_load_balancer_attributes", LoadBalancerName=item["name"]
        )
    except Exception as exc:
        if error_code(exc) in GONE:
            return None
        raise
    found = answer.get("LoadBalancerAttributes") or {}
    logs = found.get("AccessLog") or {}
    draining = found.get("ConnectionDraining") or {}
    additional = {a.get("Key"): a.get("Value") for a in found.get("AdditionalAttributes") or []}
    return {
        "access_logs_enabled": logs.get("Enabled"),
        "access_logs_bucket": logs.get("S3BucketName") or None,
        "connection_draining_enabled": draining.get("Enabled"),
        "connection_draining_timeout": draining.get("Timeout"),
        "cross_zone_load_balancing": (found.get("CrossZoneLoadBalancing") or {}).get("Enabled"),
        "desync_mitigation_mode": additional.get(DESYNC_MODE) or None,
    }


ATTRIBUTES = "attributes"

load_balancers = declare(
    "elb.load_balancers",
    where="regional",
    key=("arn",),
    doc="Every Classic Load Balancer, with its logging, draining, cross-zone and desync "
    "attributes.",
    list=ListStep(("elasticloadbalancing:DescribeLoadBalancers",), list_load_balancers),
    hydrates=(
        Hydrate(ATTRIBUTES, ("elasticloadbalancing:DescribeLoadBalancerAttributes",), attributes),
    ),
    columns=(
        Column("arn", "string", "arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/NAME."),
        Column("name", "string", "The load balancer's name (unique in an account and region)."),
        Column("scheme", "string", "internet-facing or internal."),
        Column("dns_name", "string", "The public DNS name AWS gave it."),
        Column("vpc_id", "string", "The VPC it is in."),
        Column("created_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "availability_zones",
            "string",
            "JSON list of the Availability Zones it is enabled in, sorted.",
        ),
        Column("subnet_ids", "string", "JSON list of its subnets, sorted."),
        Column("security_groups", "string", "JSON list of its security groups, sorted."),
        Column("instance_ids", "string", "JSON list of the instances registered with it, sorted."),
        Column(
            "listener_protocols",
            "string",
            "JSON list of its listeners' front-end protocols (HTTP, HTTPS, TCP, SSL), sorted.",
        ),
        Column(
            "access_logs_enabled",
            "boolean",
            "Whether access logs go to S3 (AccessLog.Enabled).",
            ATTRIBUTES,
        ),
        Column(
            "access_logs_bucket",
            "string",
            "The S3 bucket its access logs go to; null when none is set.",
            ATTRIBUTES,
        ),
        Column(
            "connection_draining_enabled",
            "boolean",
            "Whether connection draining is on (ConnectionDraining.Enabled).",
            ATTRIBUTES,
        ),
        Column(
            "connection_draining_timeout",
            "Int64",
            "How many seconds draining keeps connections open; null when AWS names none.",
            ATTRIBUTES,
        ),
        Column(
            "cross_zone_load_balancing",
            "boolean",
            "Whether cross-zone load balancing is on (CrossZoneLoadBalancing.Enabled).",
            ATTRIBUTES,
        ),
        Column(
            "desync_mitigation_mode",
            "string",
            "monitor, defensive or strictest (additional attribute "
            "elb.http.desyncmitigationmode); null when AWS does not name it.",
            ATTRIBUTES,
        ),
    ),
)
