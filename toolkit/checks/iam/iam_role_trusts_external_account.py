from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each, evaluate
from ._shared import ROLE, TRUST_POLICY_CLI, iam_names, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM role trusts an account outside the organization",
    severity="high",
    service="iam",
    resource_type=ROLE,
    tables=["iam.roles"],
    description="The role's trust policy lets principals of an AWS account outside the "
    "organization (outside the account when the organization cannot be read) assume it.",
    risk="Another company's principals, and whoever compromises them, act in this account with "
    "the role's permissions; without an sts:ExternalId condition the role is also open to the "
    "confused deputy problem.",
    remediation="Confirm the third party is expected; restrict the trust to the exact role ARN "
    "and require sts:ExternalId, or remove the trust.",
    remediation_cli=TRUST_POLICY_CLI,
)
def iam_role_trusts_external_account(inv: Inventory) -> pd.DataFrame:
    r = inv["iam.roles"]
    external = is_true(r["trusts_external_account"])
    external_id = is_true(r["trust_policy"].str.contains("sts:ExternalId", case=False, regex=False))
    detail = (
        "trusts accounts "
        + each(r["trusted_accounts"], iam_names, "").astype(str)
        + external_id.map({True: " (with sts:ExternalId)", False: " (no sts:ExternalId)"})
    )
    return evaluate(
        r, external, r["role_name"], detail.where(external, "no external account"), r["arn"]
    )
