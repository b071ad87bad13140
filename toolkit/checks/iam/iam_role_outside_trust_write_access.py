from __future__ import annotations

import json

import pandas as pd

from ...access.model import TABLES
from ...inventory import Inventory
from ..base import check, evaluate
from ._shared import ROLE, TRUST_POLICY_CLI


@check(
    title="IAM role assumable from outside the organization can change resources",
    severity="high",
    service="iam",
    resource_type=ROLE,
    tables=list(TABLES),
    description="The role's trust lets a principal outside the Organization in, and its "
    "effective permissions (its boundary and the account's SCPs applied) include write or "
    "permissions-management actions, not only read and list.",
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
    writes = trusted[trusted["highest_level"].isin(["admin", "write"])]
    by_role = writes.groupby("role").agg(
        outsiders=("outsider", lambda s: ", ".join(sorted(set(s)))),
        level=("highest_level", "min"),
        services=("write_services", lambda s: sorted({x for v in s for x in json.loads(v)})),
        admin=("account_admin", "any"),
    )
    failed = roles["arn"].isin(by_role.index)
    level = roles["arn"].map(by_role["level"]).astype(object)
    services = roles["arn"].map(by_role["services"])
    detail = (
        "trusted by "
        + roles["arn"].map(by_role["outsiders"]).fillna("")
        + "; "
        + roles["arn"].map(by_role["admin"]).map({True: "administrator", False: ""}).fillna("")
        + level.map(lambda v: "" if pd.isna(v) else f" (highest level {v})").fillna("")
        + services.map(
            lambda v: (
                f"; can change {len(v)} service(s): {', '.join(v[:8])}"
                if isinstance(v, list)
                else ""
            )
        )
    )
    read_only = roles["arn"].isin(trusted["role"])
    quiet = read_only.map(
        {True: "trusted from outside, read or list only", False: "not trusted from outside"}
    )
    return evaluate(roles, failed, roles["role_name"], detail.where(failed, quiet), roles["arn"])
