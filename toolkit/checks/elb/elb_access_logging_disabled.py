from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, attribute_check

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Classic Load Balancer does not write access logs",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers"],
    description="A Classic Load Balancer does not send access logs to S3 (attribute "
    "AccessLog.Enabled is false, AWS's default), as FSBP ELB.5 asks of Classic (and "
    "Application) Load Balancers.",
    risk="Without access logs there is no record of who sent which request through the load "
    "balancer: incidents and abuse cannot be traced back to a client.",
    remediation="Enable access logs to an S3 bucket whose policy lets the region's Elastic Load "
    "Balancing account write to it.",
    remediation_cli="aws elb modify-load-balancer-attributes --region {region} "
    "--load-balancer-name {resource_id} --load-balancer-attributes "
    '\'{"AccessLog":{"Enabled":true,"S3BucketName":"LOG_BUCKET","EmitInterval":60}}\'',
)
def elb_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["elb.load_balancers"]
    bucket = frame["access_logs_bucket"].astype("string").fillna("its bucket")
    return attribute_check(
        inv,
        "access_logs_enabled",
        "access logs go to " + bucket,
        "access logs off (AccessLog.Enabled is false)",
    )
