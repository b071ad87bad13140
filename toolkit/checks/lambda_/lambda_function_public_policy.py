from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import is_allow, load, principals, statements
from ..base import check, each
from ._shared import FUNCTION, lambda_functions

if TYPE_CHECKING:
    from ...inventory import Inventory


def _wildcard_statements(policy: str) -> str:
    """The Sids of the Allow statements whose principal is a wildcard, comma-separated."""
    document = load(policy)
    if not isinstance(document, dict):
        return "unreadable policy"
    found = [
        str(statement.get("Sid") or f"#{index}")
        for index, statement in enumerate(statements(document))
        if is_allow(statement) and "*" in principals(statement)
    ]
    return ", ".join(found) or "none"


@check(
    title="Lambda function policy lets anyone invoke the function",
    severity="critical",
    service="lambda",
    resource_type=FUNCTION,
    tables=["lambda.functions"],
    description="The function's resource-based policy grants a wildcard principal without a "
    "condition that narrows it to known accounts, organizations or sources.",
    risk="Any AWS account (or anyone, through a public trigger) can invoke the function with its "
    "execution role's permissions.",
    remediation="Remove the public statement from the function policy, or add conditions "
    "(aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID) that narrow it.",
    remediation_cli="aws lambda remove-permission --region {region} --function-name "
    "{resource_id} --statement-id STATEMENT_ID",
)
def lambda_function_public_policy(inv: Inventory) -> pd.DataFrame:
    f = inv["lambda.functions"]
    public = f["policy_public"].fillna(False)
    wildcard = each(f["policy"], _wildcard_statements)
    detail = (
        public.map({True: "public; wildcard statements: ", False: "not public; "})
        + wildcard.fillna("none")
    ).where(f["policy"].notna(), "no resource policy")
    return lambda_functions(f, public, detail)
