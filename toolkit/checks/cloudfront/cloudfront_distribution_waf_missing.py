from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, distributions, named

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFront distribution is not protected by AWS WAF",
    severity="medium",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A CloudFront distribution is associated with no AWS WAF (or WAF Classic) web "
    "ACL, as FSBP CloudFront.6 fails it (no parameters).",
    risk="Every request reaches the origin unfiltered: injection attempts, bad bots and request "
    "floods meet the application itself.",
    remediation="Create a web ACL in the CLOUDFRONT scope (us-east-1) with AWS's managed rule "
    "groups and associate it with the distribution.",
    remediation_cli="aws cloudfront get-distribution-config --id {resource_id} --query "
    "DistributionConfig | jq '.WebACLId = \"WEB_ACL_ARN\"' > config.json && aws cloudfront "
    "update-distribution --id {resource_id} --distribution-config file://config.json "
    "--if-match $(aws cloudfront get-distribution-config --id {resource_id} --query ETag "
    "--output text)",
)
def cloudfront_distribution_waf_missing(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    acl = frame["web_acl_id"].astype("string")
    failed = acl.isna() | (acl == "")
    who = named(frame)
    detail = (who + ": web ACL " + acl.fillna("")).where(~failed, who + ": no web ACL")
    return distributions(frame, failed, detail)
