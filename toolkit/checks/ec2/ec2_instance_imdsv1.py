from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import INSTANCE, ec2_instances

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 instance allows IMDSv1",
    severity="high",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances"],
    description="The instance metadata service is enabled and does not require session tokens "
    "(HttpTokens optional), so IMDSv1 requests are answered.",
    risk="A server-side request forgery in any application on the instance can read the "
    "instance role's credentials from the metadata service.",
    remediation="Require IMDSv2 (HttpTokens required) on the instance, and in launch templates.",
    remediation_cli="aws ec2 modify-instance-metadata-options --instance-id {resource_id} "
    "--http-tokens required --http-endpoint enabled --region {region}",
)
def ec2_instance_imdsv1(inv: Inventory) -> pd.DataFrame:
    i = ec2_instances(inv)
    answers = (i["imds_http_endpoint"] != "disabled").fillna(True)
    v1 = answers & ~i["imds_v2_required"].fillna(False)
    detail = (
        "http tokens: " + i["imds_http_tokens"].fillna("unknown")
        + ", endpoint: " + i["imds_http_endpoint"].fillna("unknown")
    )  # fmt: skip
    return evaluate(i, v1, i["instance_id"], detail, i["arn"])
