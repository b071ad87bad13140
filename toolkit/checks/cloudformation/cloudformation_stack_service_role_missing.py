from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STACK, cloudformation_stacks

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFormation stack has no service role",
    severity="medium",
    service="cloudformation",
    resource_type=STACK,
    tables=["cloudformation.stacks"],
    description="The stack has no service role associated (RoleARN), so CloudFormation changes "
    "its resources with the credentials of whoever deploys, as FSBP CloudFormation.4 evaluates "
    "it (AWS Config rule cloudformation-stack-service-role-check; no parameters).",
    risk="Whoever may update the stack needs every permission its resources need; with a "
    "service role, deployers need only iam:PassRole and the role bounds what a template can do.",
    remediation="Create an IAM role that CloudFormation (cloudformation.amazonaws.com) may "
    "assume, with the permissions the stack's resources need, and update the stack with it.",
    remediation_cli="aws cloudformation update-stack --region {region} --stack-name "
    "{resource_id} --use-previous-template --role-arn "
    "arn:aws:iam::{account_id}:role/CLOUDFORMATION_SERVICE_ROLE",
)
def cloudformation_stack_service_role_missing(inv: Inventory) -> pd.DataFrame:
    s = inv["cloudformation.stacks"]
    role = s["role_arn"].astype("string")
    missing = role.isna()
    detail = pd.Series("no service role: deploys with the caller's credentials", index=s.index)
    detail = detail.where(missing, "service role " + role.fillna(""))
    return cloudformation_stacks(s, missing, detail)
