from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Service control policies are not enabled",
    severity="high",
    service="organizations",
    resource_type="AWS::Organizations::Root",
    tables=["organizations.roots"],
    description="The organization root does not have the SERVICE_CONTROL_POLICY type enabled.",
    risk="No preventive guardrail can be applied to any account.",
    remediation="Enable service control policies on the root.",
    remediation_cli="aws organizations enable-policy-type --root-id {resource_id} "
    "--policy-type SERVICE_CONTROL_POLICY",
)
def organizations_scp_not_enabled(inv: Inventory) -> pd.DataFrame:
    roots = inv["organizations.roots"]
    enabled = roots["policy_types"].str.contains("SERVICE_CONTROL_POLICY", regex=False)
    return evaluate(
        roots, ~enabled.fillna(False), roots["id"], "types: " + roots["policy_types"], roots["arn"]
    )
