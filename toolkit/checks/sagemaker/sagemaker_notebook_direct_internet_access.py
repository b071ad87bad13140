from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import explained, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SageMaker notebook instance has direct internet access",
    severity="high",
    service="sagemaker",
    resource_type="AWS::SageMaker::NotebookInstance",
    tables=["sagemaker.notebook_instances"],
    description="The notebook instance's DirectInternetAccess is Enabled (SageMaker's default): "
    "it reaches the internet through SageMaker's own VPC, whatever the account's VPC allows. "
    "FSBP SageMaker.1 fails exactly this (AWS Config rule "
    "sagemaker-notebook-no-direct-internet-access; no parameters), in a VPC or not.",
    risk="Code on the notebook (with its role's permissions and the data scientists' data) can "
    "send data to, and fetch code from, anywhere on the internet, bypassing the account's "
    "network controls and logging.",
    remediation="Recreate the notebook instance in a subnet of your VPC with direct internet "
    "access disabled (it cannot be changed on an existing instance); give it the internet, if it "
    "needs it, through a NAT gateway and VPC endpoints you control.",
    remediation_cli="aws sagemaker create-notebook-instance --region {region} "
    "--notebook-instance-name {resource_id}-private --instance-type ml.t3.medium --role-arn "
    "ROLE_ARN --subnet-id SUBNET_ID --security-group-ids SG_ID --direct-internet-access Disabled",
)
def sagemaker_notebook_direct_internet_access(inv: Inventory) -> pd.DataFrame:
    n = inv["sagemaker.notebook_instances"]
    on = flag(n["direct_internet_access"])
    detail = explained(
        n["direct_internet_access"].notna(),
        on,
        "direct internet access Enabled (through SageMaker's VPC)",
        "direct internet access Disabled",
    )
    return evaluate(n, on, n["name"], detail, n["arn"])
