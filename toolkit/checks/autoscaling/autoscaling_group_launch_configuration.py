"""FSBP AutoScaling.9: EC2 Auto Scaling groups should use EC2 launch templates.

As AWS's control (no parameters): a group fails when it is not created from a launch template,
neither its own nor one in a mixed instances policy (it launches from a launch configuration).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import GROUP

if TYPE_CHECKING:
    from ...inventory import Inventory

TEMPLATE_SOURCES = ("launch_template", "mixed_instances_policy")


@check(
    title="Auto Scaling group does not use a launch template",
    severity="medium",
    service="autoscaling",
    resource_type=GROUP,
    tables=["autoscaling.groups"],
    description="The Auto Scaling group launches instances from a launch configuration, not "
    "from an EC2 launch template (its own or one in a mixed instances policy), as FSBP "
    "AutoScaling.9 asks.",
    risk="Launch configurations get no new EC2 features (among them newer instance types and "
    "metadata options) and AWS is retiring them: the group's instances are set up the old way.",
    remediation="Copy the launch configuration to a launch template (the console does it in "
    "one step) and point the group at the template.",
    remediation_cli="aws autoscaling update-auto-scaling-group --auto-scaling-group-name "
    "{resource_id} --launch-template LaunchTemplateId=LAUNCH_TEMPLATE_ID,Version='$Default' "
    "--region {region}",
)
def autoscaling_group_launch_configuration(inv: Inventory) -> pd.DataFrame:
    g = inv["autoscaling.groups"]
    template = g["launch_source"].isin(TEMPLATE_SOURCES).fillna(False).astype(bool)
    name = g["launch_template_name"].fillna(g["launch_template_id"]).fillna("?")
    version = g["launch_template_version"].fillna("$Default")
    config = g["launch_configuration_name"].fillna("none")
    detail = ("launch template " + name + " version " + version).where(
        template, "launch configuration " + config + ", no launch template"
    )
    return evaluate(g, ~template, g["auto_scaling_group_name"], detail, g["arn"])
