"""Organizations checks: how the organization is structured and guarded (no other open tool
checks these)."""

from __future__ import annotations

import pandas as pd

from ..inventory import Inventory
from .base import check, evaluate


@check(
    title="Account sits directly under the organization root",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=["organizations.accounts", "organizations.roots"],
    description="A member account is attached to the root rather than to an OU.",
    risk="Accounts under the root miss the guardrails (SCPs) that OUs carry.",
    remediation="Move the account into the OU that matches its purpose.",
    remediation_cli="aws organizations move-account --account-id {resource_id} "
    "--source-parent-id ROOT_ID --destination-parent-id OU_ID",
)
def organizations_account_directly_under_root(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    members = accounts[~accounts["is_management"].fillna(False)]
    under_root = members["parent_id"].isin(inv["organizations.roots"]["id"])
    return evaluate(
        members, under_root, members["id"], "path: " + members["ou_path"], members["arn"]
    )


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
