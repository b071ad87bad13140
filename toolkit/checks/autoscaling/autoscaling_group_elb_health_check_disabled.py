"""FSBP AutoScaling.1: Auto Scaling groups associated with a load balancer should use ELB
health checks.

As AWS's control (Config rule autoscaling-group-elb-healthcheck-required, no parameters): a
group that registers with a load balancer (a Classic Load Balancer or a target group) fails
when its health check type is not ELB. Groups with no load balancer are not judged.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each, evaluate
from ._shared import GROUP

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Auto Scaling group behind a load balancer does not use ELB health checks",
    severity="low",
    service="autoscaling",
    resource_type=GROUP,
    tables=["autoscaling.groups"],
    description="The Auto Scaling group registers its instances with a load balancer (Classic "
    "Load Balancer or target group) but replaces them only on EC2 status checks, not on the "
    "load balancer's health checks, as FSBP AutoScaling.1 asks. Groups without a load "
    "balancer are not evaluated.",
    risk="An instance whose application fails the load balancer's health checks stays in the "
    "group, out of service, and is never replaced: capacity silently shrinks.",
    remediation="Set the group's health check type to ELB (keeping a grace period long enough "
    "for instances to start).",
    remediation_cli="aws autoscaling update-auto-scaling-group --auto-scaling-group-name "
    "{resource_id} --health-check-type ELB --health-check-grace-period 300 --region {region}",
)
def autoscaling_group_elb_health_check_disabled(inv: Inventory) -> pd.DataFrame:
    g = inv["autoscaling.groups"]
    balancers = each(g["load_balancer_names"], json.loads, []) + each(
        g["target_group_arns"], json.loads, []
    )
    g = g.loc[balancers.map(bool).astype(bool)]
    behind = balancers[g.index].map(
        lambda names: ", ".join(str(n).rsplit(":", 1)[-1] for n in names)
    )
    kind = g["health_check_type"].fillna("unknown")
    elb = (kind == "ELB").fillna(False).astype(bool)
    detail = ("behind " + behind.astype("string") + ", health checks " + kind).astype("string")
    return evaluate(g, ~elb, g["auto_scaling_group_name"], detail, g["arn"])
