"""``elb.listeners``: every listener of every Classic Load Balancer: front-end and back-end
protocol and port, its certificate, the policies it uses and, for HTTPS and SSL listeners, the
predefined security policy its SSL negotiation policy refers to.

The list step reads the load balancers (shared with ``elb.load_balancers``), whose answer holds
the listeners; the policies are a hydrate: DescribeLoadBalancerPolicies, 1 call a load balancer
(shared by its listeners), only when a policy column is asked for.
"""

from __future__ import annotations

import json
from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import GONE, SERVICE, describe_load_balancers, load_balancer_arn

#: The policy type of an SSL negotiation configuration, and its attribute naming the predefined
#: security policy it copies.
SSL_NEGOTIATION = "SSLNegotiationPolicyType"
REFERENCE = "Reference-Security-Policy"


async def list_listeners(ctx: TableContext) -> list[dict[str, Any]]:
    rows = []
    for balancer in await describe_load_balancers(ctx):
        name = balancer["LoadBalancerName"]
        arn = load_balancer_arn(ctx.region, ctx.account_id, name)
        for described in balancer.get("ListenerDescriptions") or []:
            listener = described.get("Listener") or {}
            port = listener.get("LoadBalancerPort")
            rows.append(
                {
                    "id": f"{arn}/listener/{port}",
                    "load_balancer_arn": arn,
                    "load_balancer_name": name,
                    "protocol": listener.get("Protocol"),
                    "port": port,
                    "instance_protocol": listener.get("InstanceProtocol"),
                    "instance_port": listener.get("InstancePort"),
                    "certificate": listener.get("SSLCertificateId") or None,
                    "policy_names": json.dumps(sorted(described.get("PolicyNames") or [])),
                }
            )
    return rows


async def _policies_of(ctx: TableContext, name: str) -> list[dict[str, Any]] | None:
    """The load balancer's policies, read once however many of its listeners ask."""

    async def fetch() -> list[dict[str, Any]] | None:
        client = await ctx.client(SERVICE)
        try:
            answer = await ctx.aws.call(
                client, "describe_load_balancer_policies", LoadBalancerName=name
            )
        except Exception as exc:
            if error_code(exc) in GONE:
                return None
            raise
        return answer.get("PolicyDescriptions") or []

    return await ctx.aws.memo(("elb.policies", ctx.account_id, ctx.region, name), fetch)


async def policies(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    described = await _policies_of(ctx, item["load_balancer_name"])
    if described is None:
        return None
    used = set(json.loads(item["policy_names"]))
    references = []
    for policy in described:
        if policy.get("PolicyName") not in used or policy.get("PolicyTypeName") != SSL_NEGOTIATION:
            continue
        for attribute in policy.get("PolicyAttributeDescriptions") or []:
            if attribute.get("AttributeName") == REFERENCE and attribute.get("AttributeValue"):
                references.append(attribute["AttributeValue"])
    return {"ssl_policy": ", ".join(sorted(references)) or None}


POLICIES = "policies"

listeners = declare(
    "elb.listeners",
    where="regional",
    key=("id",),
    doc="Every listener of every Classic Load Balancer: protocols, ports, certificate and the "
    "predefined security policy of HTTPS/SSL listeners.",
    list=ListStep(("elasticloadbalancing:DescribeLoadBalancers",), list_listeners),
    hydrates=(Hydrate(POLICIES, ("elasticloadbalancing:DescribeLoadBalancerPolicies",), policies),),
    columns=(
        Column("id", "string", "The load balancer's ARN, /listener/ and the listener's port."),
        Column("load_balancer_arn", "string", "The load balancer the listener belongs to."),
        Column("load_balancer_name", "string", "That load balancer's name."),
        Column("protocol", "string", "Front-end (client) protocol: HTTP, HTTPS, TCP or SSL."),
        Column("port", "Int64", "The port it listens on (one listener a port)."),
        Column("instance_protocol", "string", "Back-end protocol to the instances."),
        Column("instance_port", "Int64", "The instances' port."),
        Column(
            "certificate",
            "string",
            "HTTPS and SSL: the ARN of its server certificate (ACM or IAM); null otherwise.",
        ),
        Column("policy_names", "string", "JSON list of the policies the listener uses, sorted."),
        Column(
            "ssl_policy",
            "string",
            "HTTPS and SSL: the predefined security policy (Reference-Security-Policy) of the "
            "SSL negotiation policy it uses, e.g. ELBSecurityPolicy-TLS-1-2-2017-01; null when "
            "it uses none or a custom one.",
            POLICIES,
        ),
    ),
)
