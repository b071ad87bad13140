from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Route 53 public hosted zone does not log DNS queries",
    severity="medium",
    service="route53",
    resource_type="AWS::Route53::HostedZone",
    tables=["route53.hosted_zones"],
    description="The public hosted zone has no query logging configuration sending its DNS "
    "queries to CloudWatch Logs, as FSBP Route53.2 evaluates it (AWS Config rule "
    "route53-query-logging-enabled; no parameters). Private zones are not judged.",
    risk="Who resolved which names, from where and when, is not recorded: DNS-based "
    "reconnaissance, subdomain takeover attempts and exfiltration through DNS go unseen, and "
    "an investigation has no DNS trail.",
    remediation="Create a query logging configuration for the zone that sends its queries to "
    "a CloudWatch Logs log group in us-east-1 (with a resource policy that lets Route 53 "
    "write to it).",
    remediation_cli="aws route53 create-query-logging-config --hosted-zone-id {resource_id} "
    "--cloud-watch-logs-log-group-arn "
    "arn:aws:logs:us-east-1:{account_id}:log-group:/aws/route53/ZONE_NAME",
)
def route53_public_zone_query_logging_disabled(inv: Inventory) -> pd.DataFrame:
    zones = inv["route53.hosted_zones"]
    public = zones[~zones["private_zone"].astype("boolean").fillna(False).astype(bool)]
    logged = public["query_logging_enabled"].astype("boolean").fillna(False).astype(bool)
    name = "public zone " + public["name"].astype("string")
    log_group = public["query_log_group_arn"].astype("string").fillna("")
    detail = (name + ": DNS queries not logged").where(
        ~logged, name + ": DNS queries logged to " + log_group
    )
    return evaluate(public, ~logged, public["zone_id"], detail, public["arn"])
