from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ...access.model import TABLES
from ..base import check, evaluate
from ._shared import ROLE, TRUST_POLICY_CLI

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM role assumable from outside the organization can change resources",
    severity="high",
    service="iam",
    resource_type=ROLE,
    tables=list(TABLES),
    description="The role's trust lets a principal outside the Organization in, and its "
    "effective permissions (its boundary and the account's SCPs applied) include write or "
    "permissions-management actions with no condition, not only read and list (actions whose "
    "name says they read count as reads, whatever level AWS files them under).",
    risk="A third party, and whoever compromises it, can change or delete this account's "
    "resources; an administrator role trusted from outside hands the account over.",
    remediation="Give outside principals a read-only role, or scope the role's write actions "
    "to the resources the third party must change; require sts:ExternalId.",
    remediation_cli=TRUST_POLICY_CLI,
)
def iam_role_outside_trust_write_access(inv: Inventory) -> pd.DataFrame:
    from ...access import outside_trust  # networkx: loaded when the check runs

    roles = inv["iam.roles"]
    trusted = outside_trust(inv)
    writes = trusted[(trusted["write_services"] != "[]") | trusted["account_admin"]]
    reasons = {role: _reason(rows) for role, rows in writes.groupby("role")}
    arn = roles["arn"].astype(object)
    quiet = {role: "trusted from outside, read or list only" for role in trusted["role"]}
    detail = arn.map(lambda a: reasons.get(a) or quiet.get(a, "not trusted from outside"))
    return evaluate(roles, arn.isin(reasons), roles["role_name"], detail, arn)


def _reason(rows: pd.DataFrame) -> str:
    outsiders = ", ".join(sorted(set(rows["outsider"])))
    services = sorted({s for v in rows["write_services"] for s in json.loads(v)})
    power = (
        "administrator"
        if rows["account_admin"].any()
        else f"highest level {rows['highest_level'].min()}"
    )
    listed = ", ".join(services[:8]) + (", ..." if len(services) > 8 else "")
    return f"trusted by {outsiders}; {power}; can change {len(services)} service(s): {listed}"
