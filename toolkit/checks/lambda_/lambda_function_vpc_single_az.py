"""FSBP Lambda.5: VPC Lambda functions should operate in multiple Availability Zones.

As AWS's control (Config rule lambda-vpc-multi-az-check, availabilityZones 2 by default): a
function connected to a VPC fails when its subnets lie in fewer than two Availability Zones.
Functions not connected to a VPC have no finding, as in AWS. A subnet the inventory does not
hold counts as no zone.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import FUNCTION, lambda_functions

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP Lambda.5's default availabilityZones parameter.
MIN_AVAILABILITY_ZONES = 2


@check(
    title="VPC Lambda function runs in fewer than two Availability Zones",
    severity="medium",
    service="lambda",
    resource_type=FUNCTION,
    tables=["lambda.functions", "ec2.subnets"],
    description="The function is connected to a VPC through subnets in fewer than "
    f"{MIN_AVAILABILITY_ZONES} Availability Zones, as FSBP Lambda.5 evaluates it "
    f"(availabilityZones {MIN_AVAILABILITY_ZONES}, its default); functions outside a VPC are "
    "not evaluated.",
    risk="When the one zone fails, the function cannot reach the VPC and every invocation fails.",
    remediation="Add subnets in other Availability Zones of the VPC to the function's VPC "
    "configuration.",
    remediation_cli="aws lambda update-function-configuration --region {region} "
    "--function-name {resource_id} --vpc-config "
    "SubnetIds=SUBNET_A,SUBNET_B,SecurityGroupIds=SECURITY_GROUP_ID",
)
def lambda_function_vpc_single_az(inv: Inventory) -> pd.DataFrame:
    f = inv["lambda.functions"]
    f = f[f["vpc_id"].notna()]
    s = inv["ec2.subnets"]
    zone_of = dict(
        zip(
            zip(s["account_id"], s["region"], s["subnet_id"], strict=True),
            s["availability_zone"],
            strict=True,
        )
    )
    found = [
        sorted(
            {
                zone_of[(account, region, subnet)]
                for subnet in (json.loads(text) if isinstance(text, str) else [])
                if isinstance(zone_of.get((account, region, subnet)), str)
            }
        )
        for account, region, text in zip(
            f["account_id"], f["region"], f["subnet_ids"].astype(object), strict=True
        )
    ]
    failed = pd.Series([len(z) < MIN_AVAILABILITY_ZONES for z in found], index=f.index)
    detail = pd.Series(
        [f"{len(z)} Availability Zone(s): " + (", ".join(z) or "none known") for z in found],
        index=f.index,
        dtype="object",
    )
    return lambda_functions(f, failed, detail)
