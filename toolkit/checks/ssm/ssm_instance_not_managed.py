from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ..ec2._shared import INSTANCE, ec2_instances

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 instance is not managed by Systems Manager",
    severity="medium",
    service="ssm",
    resource_type=INSTANCE,
    tables=["ec2.instances", "ssm.managed_instances"],
    description="A running or stopped EC2 instance is not among the instances Systems Manager "
    "manages (DescribeInstanceInformation), as FSBP SSM.1 evaluates it (AWS Config rule "
    "ec2-instance-managed-by-systems-manager; no parameters).",
    risk="The instance cannot be patched, inventoried or reached through Session Manager: it "
    "drifts out of patch compliance unseen, and people reach it over SSH or RDP instead.",
    remediation="Attach an instance profile whose role has AmazonSSMManagedInstanceCore (or "
    "turn on Default Host Management Configuration), and make sure the SSM Agent runs and can "
    "reach Systems Manager's endpoints.",
    remediation_cli="aws ec2 associate-iam-instance-profile --region {region} --instance-id "
    "{resource_id} --iam-instance-profile Name=SSM_INSTANCE_PROFILE",
)
def ssm_instance_not_managed(inv: Inventory) -> pd.DataFrame:
    i = ec2_instances(inv)
    m = inv["ssm.managed_instances"]
    ping = pd.Series(
        m["ping_status"].astype("string").to_numpy(),
        index=pd.MultiIndex.from_arrays([m["account_id"], m["region"], m["instance_id"]]),
    )
    keys = pd.MultiIndex.from_arrays([i["account_id"], i["region"], i["instance_id"]])
    status = pd.Series(ping.reindex(keys).to_numpy(), index=i.index, dtype="string")
    managed = status.notna()
    detail = ("managed by Systems Manager, agent " + status).fillna(
        "not managed by Systems Manager"
    )
    return evaluate(i, ~managed, i["instance_id"], detail, i["arn"])
