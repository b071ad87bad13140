"""FSBP Autoscaling.5: Amazon EC2 instances launched using Auto Scaling group launch
configurations should not have Public IP addresses.

As AWS's control (Config rule autoscaling-launch-config-public-ip-disabled, no parameters): a
launch configuration fails when AssociatePublicIpAddress is true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import LAUNCH_CONFIGURATION

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Launch configuration assigns public IP addresses",
    severity="high",
    service="autoscaling",
    resource_type=LAUNCH_CONFIGURATION,
    tables=["autoscaling.launch_configurations"],
    description="The launch configuration sets AssociatePublicIpAddress true, as FSBP "
    "Autoscaling.5 judges it: every instance it launches gets a public IPv4 address.",
    risk="Instances of the groups that use it are reachable from the internet as far as their "
    "security groups allow, rather than only through a load balancer.",
    remediation="Launch configurations cannot be changed: create a launch template (or a new "
    "launch configuration) without public IP addresses and point the groups at it.",
    remediation_cli="aws autoscaling create-launch-configuration --launch-configuration-name "
    "{resource_id}-private --image-id IMAGE_ID --instance-type INSTANCE_TYPE "
    "--no-associate-public-ip-address --region {region}",
)
def autoscaling_launch_config_public_ip(inv: Inventory) -> pd.DataFrame:
    c = inv["autoscaling.launch_configurations"]
    public = c["associate_public_ip_address"].fillna(False).astype(bool)
    said = c["associate_public_ip_address"].map({True: "true", False: "false"})
    detail = ("AssociatePublicIpAddress " + said.fillna("not set").astype("string")).where(
        ~public, "AssociatePublicIpAddress true: every instance gets a public IPv4 address"
    )
    return evaluate(c, public, c["launch_configuration_name"], detail, c["arn"])
