from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import (
    SERVICE_LINKED_ROLE,
    SET_UP_CLI,
    TABLE,
    best_per_region,
    recorder_names,
    recorder_problems,
    uses_service_linked_role,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="AWS Config is not recording with its service-linked role",
    severity="critical",
    service="config",
    resource_type="AWS::::Account",
    tables=[TABLE],
    description="In this account and region no AWS Config recorder records every supported "
    "resource type into a delivery channel using the service-linked role AWSServiceRoleForConfig "
    "(one result per account and region). Unlike CIS 3.3, global resources (IAM) need not be "
    "recorded here; a recorder of chosen types fails, since the types Security Hub's enabled "
    "controls evaluate cannot be known from the inventory.",
    risk="A recorder that is off records nothing; one with another role may lack the permissions "
    "to record every resource accurately, so configuration history and the controls built on "
    "AWS Config silently miss resources.",
    remediation="Record all supported resource types in every region with the service-linked "
    "role (AWS creates AWSServiceRoleForConfig when the recorder names it), deliver to an S3 "
    "bucket, and start recording.",
    remediation_cli=SET_UP_CLI,
)
def config_service_linked_recorder_not_enabled(inv: Inventory) -> pd.DataFrame:
    r = inv[TABLE]
    has, records, problems = recorder_problems(r)
    linked = uses_service_linked_role(r)
    ok = records & linked
    role = r["role_arn"].fillna("none").astype("string")
    wrong_role = ("uses role " + role + ", not AWSServiceRoleForConfig").where(~linked, "")
    problems = (problems + "; " + wrong_role).str.strip("; ")
    named = recorder_names(r)
    good = named + ": records all supported resource types with " + SERVICE_LINKED_ROLE
    none = pd.Series("no configuration recorder in this region", index=r.index, dtype="string")
    detail = none.where(~has, (named + ": " + problems).where(~ok, good))
    best = best_per_region(r, ok, has)
    return evaluate(best, ~ok[best.index], best["account_id"], detail[best.index])
