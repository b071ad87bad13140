"""FSBP EC2.10: Amazon EC2 should be configured to use VPC endpoints that are created for the
Amazon EC2 service.

As AWS's control (Config rule service-vpc-endpoint-enabled with its fixed parameter
serviceName ec2): every VPC fails that has no VPC endpoint for com.amazonaws.REGION.ec2.
Endpoints that are being deleted or have failed do not count. A VPC nothing uses is still
judged, as AWS judges it, and its detail says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import unused_noted

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Endpoint states in which an endpoint carries no traffic (compared in lower case).
ENDED = ("deleting", "deleted", "rejected", "failed", "expired")
VPC_KEY = ["account_id", "region", "vpc_id"]


@check(
    title="VPC has no VPC endpoint for the EC2 API",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::VPC",
    tables=["ec2.vpcs", "ec2.vpc_endpoints"],
    description="The VPC has no VPC endpoint for the Amazon EC2 service "
    "(com.amazonaws.REGION.ec2), as FSBP EC2.10 asks of every VPC (its serviceName parameter "
    "is ec2): calls to the EC2 API from the VPC leave it for the service's public endpoint.",
    risk="EC2 API traffic from the VPC needs a route to the internet (a NAT or internet "
    "gateway) and cannot be limited by an endpoint policy to the account's own resources.",
    remediation="Create an interface VPC endpoint for com.amazonaws.REGION.ec2 in the VPC's "
    "private subnets, with private DNS, and a policy that allows only what the workloads need.",
    remediation_cli="aws ec2 create-vpc-endpoint --vpc-id {resource_id} --vpc-endpoint-type "
    "Interface --service-name com.amazonaws.{region}.ec2 --subnet-ids SUBNET_ID "
    "--security-group-ids SECURITY_GROUP_ID --private-dns-enabled --region {region}",
)
def ec2_vpc_no_ec2_endpoint(inv: Inventory) -> pd.DataFrame:
    v = inv["ec2.vpcs"]
    e = inv["ec2.vpc_endpoints"]
    live = e[~e["state"].str.lower().isin(ENDED).fillna(False)]
    wanted = "com.amazonaws." + live["region"] + ".ec2"
    ec2 = live[(live["service_name"] == wanted).fillna(False)]
    found = (
        ec2.groupby(VPC_KEY)["vpc_endpoint_id"]
        .agg(lambda ids: ", ".join(sorted(ids)))
        .rename("endpoints")
        .reset_index()
    )
    joined = v[VPC_KEY].merge(found, on=VPC_KEY, how="left").set_index(v.index)
    endpoints = joined["endpoints"].astype("string")
    missing = endpoints.isna()
    detail = ("EC2 API endpoint " + endpoints).fillna(
        "no VPC endpoint for com.amazonaws." + v["region"] + ".ec2"
    )
    return evaluate(v, missing, v["vpc_id"], unused_noted(v, detail), v["arn"])
