"""FSBP EC2.55: VPCs should be configured with an interface endpoint for the Amazon ECR API.

As AWS's control (Config rule vpc-endpoint-enabled, serviceName ecr.api): every VPC fails that has
no live interface VPC endpoint for com.amazonaws.REGION.ecr.api.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import vpcs_without_interface_endpoint

if TYPE_CHECKING:
    from ...inventory import Inventory

SERVICE = "ecr.api"


@check(
    title="VPC has no interface endpoint for the Amazon ECR API",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::VPC",
    tables=["ec2.vpcs", "ec2.vpc_endpoints"],
    description="The VPC has no interface VPC endpoint for the Amazon ECR API "
    "(com.amazonaws.REGION.ecr.api), as FSBP EC2.55 asks of every VPC (its serviceName parameter is "
    "ecr.api); endpoints being deleted, rejected or failed do not count.",
    risk="Calls to the Amazon ECR API from the VPC leave it for the service's public endpoint: they need a "
    "route to the internet and cannot be limited by an endpoint policy.",
    remediation="Create an interface VPC endpoint for com.amazonaws.REGION.ecr.api in the VPC's "
    "private subnets, with private DNS and a policy that allows only what workloads need.",
    remediation_cli="aws ec2 create-vpc-endpoint --vpc-id {resource_id} --vpc-endpoint-type "
    "Interface --service-name com.amazonaws.{region}.ecr.api --subnet-ids SUBNET_ID "
    "--security-group-ids SECURITY_GROUP_ID --private-dns-enabled --region {region}",
)
def ec2_vpc_no_ecr_api_endpoint(inv: Inventory) -> pd.DataFrame:
    return vpcs_without_interface_endpoint(inv, SERVICE)
