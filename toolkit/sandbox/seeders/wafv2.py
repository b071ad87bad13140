"""AWS WAF (WAFv2): web ACLs made for what they protect, with AWS managed rule groups or none,
and with or without logging.

No step of its own: a CloudFront distribution (``cloudfront``, CLOUDFRONT scope in us-east-1)
or an API Gateway stage (``apigateway``, REGIONAL scope in the stage's region) names its web
ACL with ``WEB_ACL`` and its seeder calls ``make_web_acl``. moto keeps which resources a web
ACL protects but does not answer ListResourcesForWebACL: ``wafv2_answers`` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

WEB_ACL = {
    "name": str,
    #: AWS managed rule groups it runs (e.g. AWSManagedRulesCommonRuleSet), in priority order.
    "rules": [str],
    #: Its requests logged to a CloudWatch Logs group aws-waf-logs-NAME.
    "logging": bool,
    "planted": PLANTED,
}
#: Made by other services' steps, so nothing of this module's own in an account's estate.
ACCOUNT_SCHEMA: dict[str, Any] = {}
ROWS_BY_ACCOUNT = {"wafv2_web_acls": "arn"}


@dataclass
class WafV2Truth:
    wafv2_web_acls: list[dict[str, Any]] = field(default_factory=list)


def _visibility(metric: str) -> dict[str, Any]:
    return {
        "SampledRequestsEnabled": True,
        "CloudWatchMetricsEnabled": True,
        "MetricName": metric,
    }


def make_web_acl(
    seeder: Seeder,
    session: Any,
    account_id: str,
    region: str,
    scope: str,
    spec: dict[str, Any],
    protects: str,
) -> str:
    """The web ACL ``spec`` describes, in ``scope`` (CLOUDFRONT or REGIONAL) of ``region``,
    allowing what its rules do not block, described as protecting ``protects``; its ARN."""
    wafv2 = seeder.client(session, "wafv2", region)
    name = spec["name"]
    rules = [
        {
            "Name": group,
            "Priority": priority,
            "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": group}},
            "OverrideAction": {"None": {}},
            "VisibilityConfig": _visibility(group),
        }
        for priority, group in enumerate(spec.get("rules", []))
    ]
    made = wafv2.create_web_acl(
        Name=name,
        Scope=scope,
        Description=f"Protects {protects}",
        DefaultAction={"Allow": {}},
        Rules=rules,
        VisibilityConfig=_visibility(name),
    )["Summary"]
    destinations = []
    if spec.get("logging"):
        destinations = [f"arn:aws:logs:{region}:{account_id}:log-group:aws-waf-logs-{name}"]
        wafv2.put_logging_configuration(
            LoggingConfiguration={"ResourceArn": made["ARN"], "LogDestinationConfigs": destinations}
        )
    seeder.truth.wafv2_web_acls.append(
        {
            "account_id": account_id,
            "region": region,
            "arn": made["ARN"],
            "id": made["Id"],
            "name": name,
            "scope": scope,
            "description": f"Protects {protects}",
            "rules": list(spec.get("rules", [])),
            "log_destinations": destinations,
            "resources": [],
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, name, "wafv2_web_acl")
    return made["ARN"]


def record_association(seeder: Seeder, web_acl_arn: str, resource_arn: str) -> None:
    """Note in the truth that the web ACL protects ``resource_arn`` (a regional resource)."""
    for row in seeder.truth.wafv2_web_acls:
        if row["arn"] == web_acl_arn:
            row["resources"].append(resource_arn)
