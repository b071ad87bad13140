from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ARN_OF_NAME, LOAD_BALANCER, load_balancers, of_types

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Application Load Balancer does not write access logs",
    severity="medium",
    service="elbv2",
    resource_type=LOAD_BALANCER,
    tables=["elbv2.load_balancers"],
    description="An Application Load Balancer does not send access logs to S3 (attribute "
    "access_logs.s3.enabled), as FSBP ELB.5 asks of Application (and Classic) Load Balancers. "
    "Network and Gateway Load Balancers are not judged.",
    risk="Without access logs there is no record of who sent which request through the load "
    "balancer: incidents and abuse cannot be traced back to a client.",
    remediation="Enable access logs to an S3 bucket whose policy lets the region's Elastic Load "
    "Balancing account write to it.",
    remediation_cli="aws elbv2 modify-load-balancer-attributes --region {region} "
    f"--load-balancer-arn {ARN_OF_NAME} --attributes Key=access_logs.s3.enabled,Value=true "
    "Key=access_logs.s3.bucket,Value=LOG_BUCKET",
)
def elbv2_load_balancer_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    frame = of_types(inv, ("application",))
    enabled = frame["access_logs_enabled"].fillna(False).astype(bool)
    bucket = frame["access_logs_bucket"].fillna("its bucket").astype("string")
    name = frame["name"].astype("string")
    detail = (name + ": access logs go to " + bucket).where(
        enabled, name + ": access logs off (access_logs.s3.enabled is false)"
    )
    return load_balancers(frame, ~enabled, detail)
