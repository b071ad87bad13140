from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import organizations_members, scps_in_effect

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Account has no service control policy beyond FullAWSAccess",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=[
        "organizations.accounts",
        "organizations.organizational_units",
        "organizations.policy_targets",
        "organizations.policies",
    ],
    description="No SCP other than the AWS-managed FullAWSAccess is attached to the member "
    "account, to any OU above it, or to the root: its effective SCP chain restricts nothing.",
    risk="Nothing in the organization prevents the account's administrators (or an attacker "
    "holding their credentials) from disabling logging, leaving the organization or using "
    "any region.",
    remediation="Attach the organization's baseline SCPs to the account's OU (or to the root).",
    remediation_cli="aws organizations attach-policy --policy-id POLICY_ID "
    "--target-id {resource_id}",
)
def organizations_scp_full_access_only(inv: Inventory) -> pd.DataFrame:
    members = organizations_members(inv)
    policies = inv["organizations.policies"]
    own = policies.loc[~policies["aws_managed"].fillna(False), "id"]
    in_effect = scps_in_effect(inv, members, own)
    detail = ("SCPs in effect: " + in_effect).fillna(
        "only FullAWSAccess along " + members["ou_path"]
    )
    return evaluate(members, in_effect.isna(), members["id"], detail, members["arn"])
