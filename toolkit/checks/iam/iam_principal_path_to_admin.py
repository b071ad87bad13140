from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...access.model import TABLES
from ..base import check, evaluate
from ._shared import ROLE

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM principal that is not an administrator can make itself one",
    severity="high",
    service="iam",
    resource_type=ROLE,
    tables=list(TABLES),
    description="An IAM user or role without administrator rights has a privilege-escalation "
    "path to an administrator: roles it can assume, iam:PassRole with a service that runs code, "
    "policy versions or policies it can write, access keys or login profiles of other users, "
    "trust policies it can rewrite (cloudsplaining's catalogue), its boundary and the SCPs of "
    "its account applied. The detail gives the shortest path.",
    risk="Whoever holds or steals the principal's credentials holds administrator power in the "
    "end account, whatever its own policies seem to grant; least privilege on paper only.",
    remediation="Remove the step that escalates (the iam:PassRole, the iam:CreatePolicyVersion, "
    "the trust that lets it in), scope it to the resources it needs, or add a permission "
    "boundary or SCP that denies it; see the access report for every path.",
)
def iam_principal_path_to_admin(inv: Inventory) -> pd.DataFrame:
    from ...access import paths_to_admin  # networkx: loaded when the check runs

    principals = _principals(inv)
    paths = paths_to_admin(inv)
    paths = paths[paths["start_type"].isin(["user", "role"])]
    first = paths.sort_values(["hops", "end"]).drop_duplicates("start").set_index("start")
    count = paths.groupby("start").size()
    arn = principals["arn"].astype(object)
    shortest = dict(
        zip(
            first.index,
            first["detail"] + " (admin of " + first["target_account_name"] + ")",
            strict=True,
        )
    )
    detail = arn.map(
        lambda a: (
            f"{count[a]} path(s) to admin; shortest: {shortest[a]}"
            if a in shortest
            else "no path to admin"
        )
    )
    return evaluate(principals, arn.isin(shortest), principals["name"], detail, arn)


def _principals(inv: Inventory) -> pd.DataFrame:
    """Users and roles (service-linked roles only act for their service) in one frame."""
    users = inv["iam.users"].rename(columns={"user_name": "name"})
    roles = inv["iam.roles"]
    roles = roles[roles["is_service_linked"].fillna(False) != True].rename(  # noqa: E712
        columns={"role_name": "name"}
    )
    keep = ["account_id", "region", "name", "arn"]
    return pd.concat([users[keep], roles[keep]], ignore_index=True)
