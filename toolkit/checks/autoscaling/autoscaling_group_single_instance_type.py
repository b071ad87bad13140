"""FSBP AutoScaling.6: Auto Scaling groups should use multiple instance types in multiple
Availability Zones.

As AWS's control (Config rule autoscaling-multiple-instance-types, no parameters): a group
fails when it has only one instance type defined: a launch template or launch configuration
alone, or a mixed instances policy that overrides it with fewer than two types. Zones are
AutoScaling.2's (autoscaling_group_single_az).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import GROUP

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Auto Scaling group uses a single instance type",
    severity="medium",
    service="autoscaling",
    resource_type=GROUP,
    tables=["autoscaling.groups"],
    description="The Auto Scaling group defines only one instance type (no mixed instances "
    "policy naming two or more), as FSBP AutoScaling.6 evaluates it (no parameters).",
    risk="When its one instance type runs short of capacity in the group's zones, the group "
    "cannot launch replacements or scale out.",
    remediation="Give the group a mixed instances policy over its launch template that "
    "overrides it with two or more instance types.",
    remediation_cli="aws autoscaling update-auto-scaling-group --auto-scaling-group-name "
    "{resource_id} --mixed-instances-policy file://mixed-instances-policy.json "
    "--region {region}",
)
def autoscaling_group_single_instance_type(inv: Inventory) -> pd.DataFrame:
    g = inv["autoscaling.groups"]
    types = [
        json.loads(text) if isinstance(text, str) else []
        for text in g["instance_types"].astype(object)
    ]
    single = pd.Series([len(t) < 2 for t in types], index=g.index)
    detail = pd.Series(
        ["instance types " + ", ".join(t) if len(t) >= 2 else "one instance type" for t in types],
        index=g.index,
        dtype="object",
    )
    return evaluate(g, single, g["auto_scaling_group_name"], detail, g["arn"])
