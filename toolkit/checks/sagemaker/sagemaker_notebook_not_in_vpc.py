from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import NOT_READ

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SageMaker notebook instance is not in a VPC of the account",
    severity="high",
    service="sagemaker",
    resource_type="AWS::SageMaker::NotebookInstance",
    tables=["sagemaker.notebook_instances"],
    description="The notebook instance has no subnet of the account's (custom) VPC: it runs in "
    "SageMaker's own VPC. FSBP SageMaker.2 fails a notebook instance launched without a "
    "SubnetId (AWS Config rule sagemaker-notebook-instance-inside-vpc; no parameters).",
    risk="Outside the account's VPC, no security group, network ACL, flow log or VPC endpoint "
    "policy of the account governs the notebook's traffic.",
    remediation="Recreate the notebook instance with a subnet and security groups of your VPC "
    "(the network placement cannot be changed on an existing instance), then move its notebooks "
    "over and delete the old one.",
    remediation_cli="aws sagemaker create-notebook-instance --region {region} "
    "--notebook-instance-name {resource_id}-vpc --instance-type ml.t3.medium --role-arn ROLE_ARN "
    "--subnet-id SUBNET_ID --security-group-ids SG_ID --direct-internet-access Disabled",
)
def sagemaker_notebook_not_in_vpc(inv: Inventory) -> pd.DataFrame:
    n = inv["sagemaker.notebook_instances"]
    read = n["security_groups"].notna()
    outside = read & n["subnet_id"].isna()
    detail = ("in subnet " + n["subnet_id"].astype("string")).where(
        ~outside, "no subnet of the account's VPC: runs in SageMaker's own VPC"
    )
    detail = detail.where(read, NOT_READ)
    return evaluate(n, outside, n["name"], detail, n["arn"])
