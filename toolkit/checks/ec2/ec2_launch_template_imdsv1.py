"""FSBP EC2.170: EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2).

As AWS's control (Config rule ec2-launch-template-imdsv2-check, no parameters): a launch
template fails when its default version does not set the metadata version to IMDSv2
(MetadataOptions.HttpTokens required); unset fails too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import LAUNCH_TEMPLATE, template_label

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 launch template does not require IMDSv2",
    severity="low",
    service="ec2",
    resource_type=LAUNCH_TEMPLATE,
    tables=["ec2.launch_templates"],
    description="The default version of the launch template does not set "
    "MetadataOptions.HttpTokens to required, as FSBP EC2.170 asks: instances launched from it "
    "answer IMDSv1 requests (unless the AMI or the account's default says otherwise, which "
    "the control does not count).",
    risk="A server-side request forgery in an application on an instance launched from the "
    "template can read the instance role's credentials from the metadata service.",
    remediation="Create a new version of the template with HttpTokens required and make it the "
    "default version; then refresh the instances launched from the old one.",
    remediation_cli="aws ec2 create-launch-template-version --launch-template-id {resource_id} "
    "--source-version '$Default' --launch-template-data "
    "'MetadataOptions={HttpTokens=required,HttpEndpoint=enabled}' "
    "--region {region} && aws ec2 modify-launch-template --launch-template-id {resource_id} "
    "--default-version NEW_VERSION --region {region}",
)
def ec2_launch_template_imdsv1(inv: Inventory) -> pd.DataFrame:
    t = inv["ec2.launch_templates"]
    required = (t["metadata_http_tokens"] == "required").fillna(False).astype(bool)
    label = template_label(t)
    tokens = t["metadata_http_tokens"].fillna("not set").astype("string")
    detail = (label + ": HttpTokens required (IMDSv2 only)").where(
        required, label + ": HttpTokens " + tokens + ", IMDSv1 answered"
    )
    return evaluate(t, ~required, t["launch_template_id"], detail, t["arn"])
