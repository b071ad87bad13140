from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import explained, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SageMaker notebook instance gives its users root access",
    severity="high",
    service="sagemaker",
    resource_type="AWS::SageMaker::NotebookInstance",
    tables=["sagemaker.notebook_instances"],
    description="The notebook instance's RootAccess is Enabled (SageMaker's default): its users "
    "can become root on it. FSBP SageMaker.3 fails exactly this (AWS Config rule "
    "sagemaker-notebook-instance-root-access-check; no parameters).",
    risk="Root on the notebook can change its software, read every user's files and the "
    "instance's credentials, and turn off the controls set up on it.",
    remediation="Stop the notebook instance, set root access to Disabled, and start it again; "
    "lifecycle configurations still run as root.",
    remediation_cli="aws sagemaker stop-notebook-instance --region {region} "
    "--notebook-instance-name {resource_id} && aws sagemaker update-notebook-instance --region "
    "{region} --notebook-instance-name {resource_id} --root-access Disabled",
)
def sagemaker_notebook_root_access(inv: Inventory) -> pd.DataFrame:
    n = inv["sagemaker.notebook_instances"]
    on = flag(n["root_access"])
    detail = explained(n["root_access"].notna(), on, "root access Enabled", "root access Disabled")
    return evaluate(n, on, n["name"], detail, n["arn"])
