from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, named, stages

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="API Gateway REST API stage is not protected by AWS WAF",
    severity="medium",
    service="apigateway",
    resource_type=STAGE,
    tables=["apigateway.rest_api_stages"],
    description="A REST API stage is associated with no AWS WAF web ACL, as FSBP APIGateway.4 "
    "fails it (no parameters).",
    risk="Every request reaches the API's integrations unfiltered: injection attempts, bad bots "
    "and request floods meet the backend itself.",
    remediation="Create a REGIONAL web ACL in the stage's region with AWS's managed rule groups "
    "and associate it with the stage.",
    remediation_cli="aws wafv2 associate-web-acl --region {region} --web-acl-arn WEB_ACL_ARN "
    "--resource-arn arn:aws:apigateway:{region}::/restapis/$(echo {resource_id} | cut -d/ -f1)"
    "/stages/$(echo {resource_id} | cut -d/ -f2)",
)
def apigateway_rest_stage_waf_missing(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigateway.rest_api_stages"]
    acl = frame["web_acl_arn"].astype("string")
    failed = acl.isna() | (acl == "")
    who = named(frame)
    detail = (who + ": web ACL " + acl.fillna("")).where(~failed, who + ": no web ACL")
    return stages(frame, failed, detail)
