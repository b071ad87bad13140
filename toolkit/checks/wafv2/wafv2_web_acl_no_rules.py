from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="AWS WAF web ACL has no rules",
    severity="medium",
    service="wafv2",
    resource_type="AWS::WAFv2::WebACL",
    tables=["wafv2.web_acls"],
    description="A WAFv2 web ACL (regional or CloudFront's) has no rule and no rule group, as "
    "FSBP WAF.10 fails it (no parameters): it applies its default action to every request.",
    risk="A web ACL without rules inspects nothing: what it is associated with looks protected "
    "but lets every injection attempt, bad bot and request flood through (or, with a BLOCK "
    "default, blocks everyone).",
    remediation="Add AWS managed rule groups (e.g. the core rule set and known bad inputs) or "
    "your own rules to the web ACL.",
    remediation_cli="aws wafv2 get-web-acl --region {region} --scope REGIONAL --name "
    "{resource_id} --id WEB_ACL_ID  # then aws wafv2 update-web-acl --region {region} "
    "--scope REGIONAL --name {resource_id} --id WEB_ACL_ID --lock-token LOCK_TOKEN "
    "--default-action Allow={} --visibility-config SampledRequestsEnabled=true,"
    "CloudWatchMetricsEnabled=true,MetricName={resource_id} --rules file://rules.json "
    "(--scope CLOUDFRONT --region us-east-1 for a CloudFront web ACL)",
)
def wafv2_web_acl_no_rules(inv: Inventory) -> pd.DataFrame:
    frame = inv["wafv2.web_acls"]
    count = frame["rule_count"].astype("Int64")
    frame, count = frame[count.notna()], count[count.notna()]
    failed = count == 0
    who = frame["name"].astype("string") + " (" + frame["scope"].astype("string") + ")"
    detail = (who + ": " + count.astype("string") + " rules").where(
        ~failed, who + ": no rules or rule groups"
    )
    return evaluate(frame, failed, frame["name"], detail, frame["arn"])
