"""FSBP EC2.25: EC2 launch templates should not assign public IPs to network interfaces.

As AWS's control (Config rule ec2-launch-template-public-ip-disabled, no exemptions by
default): a launch template fails when its default version has a network interface with
AssociatePublicIpAddress true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import LAUNCH_TEMPLATE, template_label

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 launch template assigns public IPs to network interfaces",
    severity="high",
    service="ec2",
    resource_type=LAUNCH_TEMPLATE,
    tables=["ec2.launch_templates"],
    description="The default version of the launch template has a network interface with "
    "AssociatePublicIpAddress true, as FSBP EC2.25 judges it (no exempted templates): every "
    "instance launched from it gets a public IPv4 address, whatever its subnet says.",
    risk="Instances launched from the template (by Auto Scaling groups, by hand) are reachable "
    "from the internet as far as their security groups allow.",
    remediation="Create a new version of the template whose network interfaces set "
    "AssociatePublicIpAddress false, and make it the default version; put instances that must "
    "be reached from the internet behind a load balancer.",
    remediation_cli="aws ec2 create-launch-template-version --launch-template-id {resource_id} "
    "--source-version '$Default' --launch-template-data "
    "'NetworkInterfaces=[{DeviceIndex=0,AssociatePublicIpAddress=false}]' "
    "--region {region} && aws ec2 modify-launch-template --launch-template-id {resource_id} "
    "--default-version NEW_VERSION --region {region}",
)
def ec2_launch_template_public_ip(inv: Inventory) -> pd.DataFrame:
    t = inv["ec2.launch_templates"]
    public = t["associate_public_ip_address"].fillna(False).astype(bool)
    label = template_label(t)
    detail = (label + ": a network interface sets AssociatePublicIpAddress true").where(
        public, label + ": no network interface asks for a public IP"
    )
    return evaluate(t, public, t["launch_template_id"], detail, t["arn"])
