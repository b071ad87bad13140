"""``elbv2.target_groups``: every target group of Application, Network and Gateway Load
Balancers: the protocol it sends traffic to its targets with and the protocol of its health
checks (FSBP ELB.21 and ELB.22).

The list step is DescribeTargetGroups, paged at 400 target groups a page: 1 call (a page) per
account and region, whatever the number of load balancers.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE


async def list_target_groups(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    groups = await ctx.aws.items(client, "describe_target_groups", "TargetGroups", **PAGE)
    return [_row(group) for group in groups]


def _row(group: dict[str, Any]) -> dict[str, Any]:
    return {
        "arn": group["TargetGroupArn"],
        "name": group.get("TargetGroupName"),
        "protocol": group.get("Protocol"),
        "protocol_version": group.get("ProtocolVersion"),
        "port": group.get("Port"),
        "vpc_id": group.get("VpcId"),
        "target_type": group.get("TargetType"),
        "health_check_enabled": group.get("HealthCheckEnabled"),
        "health_check_protocol": group.get("HealthCheckProtocol"),
        "health_check_port": group.get("HealthCheckPort"),
        "health_check_path": group.get("HealthCheckPath"),
        "load_balancer_arns": json.dumps(sorted(group.get("LoadBalancerArns") or [])),
    }


target_groups = declare(
    "elbv2.target_groups",
    where="regional",
    key=("arn",),
    doc="Every ELBv2 target group: its protocol, target type and health check.",
    list=ListStep(("elasticloadbalancing:DescribeTargetGroups",), list_target_groups),
    columns=(
        Column("arn", "string", "arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID."),
        Column("name", "string", "The target group's name."),
        Column(
            "protocol",
            "string",
            "How traffic reaches the targets: HTTP, HTTPS (Application), TCP, TLS, UDP, TCP_UDP "
            "(Network), GENEVE (Gateway); null for Lambda targets.",
        ),
        Column(
            "protocol_version",
            "string",
            "HTTP and HTTPS target groups: HTTP1, HTTP2 or GRPC; null for others.",
        ),
        Column("port", "Int64", "The targets' port; null for Lambda targets."),
        Column("vpc_id", "string", "The VPC of its targets; null for Lambda targets."),
        Column("target_type", "string", "instance, ip, lambda or alb."),
        Column("health_check_enabled", "boolean", "Whether health checks are on."),
        Column(
            "health_check_protocol",
            "string",
            "The protocol of its health checks: HTTP, HTTPS, TCP (or GENEVE's TCP).",
        ),
        Column(
            "health_check_port",
            "string",
            "The health checks' port, or traffic-port (the targets' own).",
        ),
        Column(
            "health_check_path",
            "string",
            "HTTP and HTTPS health checks: the path asked for; null for TCP.",
        ),
        Column(
            "load_balancer_arns",
            "string",
            "JSON list of the load balancers that route to it, sorted (empty when unused).",
        ),
    ),
)
