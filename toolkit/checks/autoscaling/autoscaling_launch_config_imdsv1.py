"""FSBP AutoScaling.3: Auto Scaling group launch configurations should configure EC2 instances
to require Instance Metadata Service Version 2 (IMDSv2).

As AWS's control (Config rule autoscaling-launchconfig-requires-imdsv2, no parameters): a
launch configuration fails when it sets no metadata version, or allows IMDSv1 beside IMDSv2
(HttpTokens optional).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import LAUNCH_CONFIGURATION

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Launch configuration does not require IMDSv2",
    severity="high",
    service="autoscaling",
    resource_type=LAUNCH_CONFIGURATION,
    tables=["autoscaling.launch_configurations"],
    description="The launch configuration does not set MetadataOptions.HttpTokens to "
    "required, as FSBP AutoScaling.3 asks: unset or optional, the instances it launches "
    "answer IMDSv1 requests.",
    risk="A server-side request forgery in an application on an instance of the group can read "
    "the instance role's credentials from the metadata service.",
    remediation="Launch configurations cannot be changed: create a launch template (or a new "
    "launch configuration) with HttpTokens required and point the groups at it.",
    remediation_cli="aws autoscaling create-launch-configuration --launch-configuration-name "
    "{resource_id}-imdsv2 --image-id IMAGE_ID --instance-type INSTANCE_TYPE "
    "--metadata-options HttpTokens=required,HttpEndpoint=enabled --region {region}",
)
def autoscaling_launch_config_imdsv1(inv: Inventory) -> pd.DataFrame:
    c = inv["autoscaling.launch_configurations"]
    required = (c["metadata_http_tokens"] == "required").fillna(False).astype(bool)
    tokens = c["metadata_http_tokens"].fillna("not set").astype("string")
    detail = ("HttpTokens " + tokens).where(required, "HttpTokens " + tokens + ", IMDSv1 answered")
    return evaluate(c, ~required, c["launch_configuration_name"], detail, c["arn"])
