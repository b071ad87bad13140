from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import INSTANCE, ec2_instances

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 instance has no IAM instance profile",
    severity="low",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances"],
    description="No IAM instance profile (role) is attached to the instance.",
    risk="Software on the instance that needs AWS access must use long-lived access keys "
    "stored on it, and the instance cannot be managed by Systems Manager.",
    remediation="Attach an instance profile whose role grants only what the workload needs.",
    remediation_cli="aws ec2 associate-iam-instance-profile --instance-id {resource_id} "
    "--iam-instance-profile Name=PROFILE_NAME --region {region}",
)
def ec2_instance_no_instance_profile(inv: Inventory) -> pd.DataFrame:
    i = ec2_instances(inv)
    profile = i["iam_instance_profile_arn"]
    return evaluate(
        i, profile.isna(), i["instance_id"], ("profile " + profile).fillna("no profile"), i["arn"]
    )
