from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Service control policy is attached to nothing",
    severity="low",
    service="organizations",
    resource_type="AWS::Organizations::Policy",
    tables=["organizations.policies", "organizations.policy_targets"],
    description="A customer-managed SCP is not attached to the root, any OU or any account.",
    risk="A guardrail someone wrote is not in force: the organization looks protected on paper "
    "only, or an obsolete policy waits to be attached by mistake.",
    remediation="Attach the policy where it was meant to apply, or delete it.",
    remediation_cli="aws organizations attach-policy --policy-id {resource_id} "
    "--target-id TARGET_ID",
)
def organizations_scp_unattached(inv: Inventory) -> pd.DataFrame:
    policies = inv["organizations.policies"]
    own = policies[~policies["aws_managed"].fillna(False)]
    targets = inv["organizations.policy_targets"]
    count = own["id"].map(targets.groupby("policy_id")["target_id"].nunique()).fillna(0)
    detail = (
        own["name"].fillna(own["id"])
        + ": attached to "
        + count.astype(int).astype(str)
        + " target(s)"
    )
    return evaluate(own, count == 0, own["id"], detail, own["arn"])
