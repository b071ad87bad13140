from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import covers_action, is_deny, statements
from ..base import check, evaluate
from ._shared import organizations_members, scps_in_effect

if TYPE_CHECKING:
    from ...inventory import Inventory

LEAVE_ORGANIZATION = "organizations:LeaveOrganization"


def _denies_leave(content: str | None) -> bool:
    """Whether a policy document has a Deny statement covering organizations:LeaveOrganization
    (conditions are not evaluated: they usually exempt a break-glass role)."""
    return any(is_deny(s) and covers_action(s, LEAVE_ORGANIZATION) for s in statements(content))


@check(
    title="Member account can leave the organization",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=[
        "organizations.accounts",
        "organizations.organizational_units",
        "organizations.policy_targets",
        "organizations.policies",
    ],
    description="No SCP attached to the member account, to an OU above it or to the root "
    "denies organizations:LeaveOrganization.",
    risk="Whoever administers the account can take it out of the organization, and with it out "
    "of every SCP, organization trail, delegated security service and consolidated bill.",
    remediation="Attach an SCP that denies organizations:LeaveOrganization to the root (or to "
    "every OU).",
    remediation_cli="aws organizations attach-policy --policy-id DENY_LEAVE_POLICY_ID "
    "--target-id {resource_id}",
)
def organizations_account_can_leave_organization(inv: Inventory) -> pd.DataFrame:
    members = organizations_members(inv)
    policies = inv["organizations.policies"]
    deny_leave = policies.loc[
        policies["content"].astype(object).map(_denies_leave).astype(bool), "id"
    ]
    in_effect = scps_in_effect(inv, members, deny_leave)
    detail = ("LeaveOrganization denied by: " + in_effect).fillna(
        "no SCP along " + members["ou_path"] + " denies LeaveOrganization"
    )
    return evaluate(members, in_effect.isna(), members["id"], detail, members["arn"])
