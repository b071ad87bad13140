from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Organizational unit has no service control policy of its own",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::OrganizationalUnit",
    tables=[
        "organizations.organizational_units",
        "organizations.policy_targets",
        "organizations.policies",
    ],
    description="No SCP other than the AWS-managed FullAWSAccess is attached to the OU.",
    risk="Accounts in the OU run without preventive guardrails beyond those of the root.",
    remediation="Attach the organization's baseline SCPs to the OU.",
    remediation_cli="aws organizations attach-policy --policy-id POLICY_ID --target-id {resource_id}",
)
def organizations_ou_without_scp(inv: Inventory) -> pd.DataFrame:
    ous = inv["organizations.organizational_units"]
    policies = inv["organizations.policies"]
    targets = inv["organizations.policy_targets"]
    own = policies.loc[~policies["aws_managed"].fillna(False), "id"]
    guarded = targets.loc[targets["policy_id"].isin(own), "target_id"]
    has_scp = ous["id"].isin(guarded)
    return evaluate(ous, ~has_scp, ous["id"], "path: " + ous["path"], ous["arn"])
