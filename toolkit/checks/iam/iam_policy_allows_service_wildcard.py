from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import service_wildcards
from ..base import check, each, evaluate
from ._shared import NEW_POLICY_VERSION_CLI, POLICY

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Customer managed policy allows every action of a service",
    severity="medium",
    service="iam",
    resource_type=POLICY,
    tables=["iam.policies"],
    description="An Allow statement of the policy's default version grants 'service:*' "
    "(e.g. s3:*, iam:*).",
    risk="Service-wide wildcards grant destructive and privilege-changing actions nobody "
    "meant to give, including actions AWS adds later.",
    remediation="List the actions the policy's users need instead of the wildcard.",
    remediation_cli=NEW_POLICY_VERSION_CLI,
)
def iam_policy_allows_service_wildcard(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.policies"]
    found = each(p["document"], lambda doc: ", ".join(service_wildcards(doc))).fillna("")
    detail = ("allows " + found).where(found != "", "no service-wide wildcard")
    return evaluate(p, found != "", p["arn"], detail, p["arn"])
