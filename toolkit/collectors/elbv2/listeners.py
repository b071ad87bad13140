"""``elbv2.listeners``: every listener of every Application, Network and Gateway Load Balancer:
protocol, port, TLS policy, certificates, default actions and whether plain HTTP is redirected
to HTTPS.

The list step reads the load balancers (shared with ``elbv2.load_balancers``), then
DescribeListeners for each, concurrently: 1 call (a page) a load balancer.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ...aws.errors import error_code
from ..base import Column, ListStep, TableContext, declare
from ._shared import SERVICE, describe_load_balancers

#: A load balancer deleted between the two calls has no listeners left to list.
GONE = ("LoadBalancerNotFound",)


async def list_listeners(ctx: TableContext) -> list[dict[str, Any]]:
    balancers = await describe_load_balancers(ctx)
    found = await asyncio.gather(*(_listeners_of(ctx, b) for b in balancers))
    return [row for rows in found for row in rows]


async def _listeners_of(ctx: TableContext, balancer: dict[str, Any]) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    try:
        listed = await ctx.aws.items(
            client, "describe_listeners", "Listeners", LoadBalancerArn=balancer["LoadBalancerArn"]
        )
    except Exception as exc:
        if error_code(exc) in GONE:
            return []
        raise
    return [_row(balancer, listener) for listener in listed]


def redirects_to_https(actions: list[dict[str, Any]]) -> bool:
    """Whether a listener's default actions redirect the request to HTTPS."""
    return any(
        action.get("Type") == "redirect"
        and str((action.get("RedirectConfig") or {}).get("Protocol", "")).upper() == "HTTPS"
        for action in actions
    )


def _row(balancer: dict[str, Any], listener: dict[str, Any]) -> dict[str, Any]:
    actions = listener.get("DefaultActions") or []
    certificates = [c["CertificateArn"] for c in listener.get("Certificates") or []]
    return {
        "arn": listener["ListenerArn"],
        "load_balancer_arn": listener.get("LoadBalancerArn") or balancer["LoadBalancerArn"],
        "load_balancer_name": balancer.get("LoadBalancerName"),
        "load_balancer_type": balancer.get("Type"),
        "protocol": listener.get("Protocol"),
        "port": listener.get("Port"),
        "ssl_policy": listener.get("SslPolicy"),
        "certificates": json.dumps(sorted(certificates)),
        "default_actions": json.dumps(actions, sort_keys=True),
        "default_action_types": json.dumps(sorted({a.get("Type", "") for a in actions})),
        "redirects_to_https": redirects_to_https(actions),
    }


listeners = declare(
    "elbv2.listeners",
    where="regional",
    key=("arn",),
    doc="Every listener of every ELBv2 load balancer: protocol, port, TLS policy, certificates "
    "and default actions.",
    list=ListStep(
        (
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeListeners",
        ),
        list_listeners,
    ),
    columns=(
        Column(
            "arn",
            "string",
            "arn:aws:elasticloadbalancing:REGION:ACCOUNT:listener/app|net|gwy/NAME/LB_ID/ID.",
        ),
        Column("load_balancer_arn", "string", "The load balancer the listener belongs to."),
        Column("load_balancer_name", "string", "That load balancer's name."),
        Column("load_balancer_type", "string", "That load balancer's type: application, ..."),
        Column(
            "protocol",
            "string",
            "HTTP or HTTPS (Application), TCP, TLS, UDP or TCP_UDP (Network), GENEVE (Gateway).",
        ),
        Column("port", "Int64", "The port it listens on."),
        Column(
            "ssl_policy",
            "string",
            "The TLS security policy (HTTPS and TLS listeners), e.g. "
            "ELBSecurityPolicy-TLS13-1-2-2021-06; null for plain protocols.",
        ),
        Column(
            "certificates",
            "string",
            "JSON list of the ARNs of its server certificates (ACM or IAM), sorted; the "
            "default certificate among them.",
        ),
        Column(
            "default_actions",
            "string",
            "Its default actions as AWS answers them (JSON list: forward, redirect, "
            "fixed-response, authenticate-*), keys sorted.",
        ),
        Column(
            "default_action_types", "string", "JSON list of the default actions' types, sorted."
        ),
        Column(
            "redirects_to_https",
            "boolean",
            "Whether a default action redirects the request to HTTPS (what FSBP ELB.1 asks of "
            "every HTTP listener).",
        ),
    ),
)
