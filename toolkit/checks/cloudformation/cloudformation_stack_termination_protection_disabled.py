from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STACK, cloudformation_stacks

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFormation stack has termination protection disabled",
    severity="medium",
    service="cloudformation",
    resource_type=STACK,
    tables=["cloudformation.stacks"],
    description="The stack can be deleted in one call: termination protection is off, as FSBP "
    "CloudFormation.3 evaluates it (AWS Config rule cloudformation-termination-protection-check;"
    " no parameters).",
    risk="Deleting a stack deletes every resource it made; one mistaken or malicious "
    "delete-stack takes down the workload and, unless retained, its data.",
    remediation="Turn on termination protection for the stack; whoever must delete it later "
    "turns it off first, a deliberate second step.",
    remediation_cli="aws cloudformation update-termination-protection --region {region} "
    "--stack-name {resource_id} --enable-termination-protection",
)
def cloudformation_stack_termination_protection_disabled(inv: Inventory) -> pd.DataFrame:
    s = inv["cloudformation.stacks"]
    protected = s["termination_protection"].astype("boolean").fillna(False).astype(bool)
    detail = pd.Series("termination protection is on", index=s.index).where(
        protected, "termination protection is off: one delete-stack removes every resource"
    )
    return cloudformation_stacks(s, ~protected, detail)
