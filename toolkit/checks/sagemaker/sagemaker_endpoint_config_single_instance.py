from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import NOT_READ

if TYPE_CHECKING:
    from ...inventory import Inventory


def _single(counts: object) -> str:
    """The variants that start with one instance, named, or "" when none."""
    if not isinstance(counts, str):
        return ""
    return ", ".join(name for name, count in json.loads(counts).items() if count <= 1)


@check(
    title="SageMaker endpoint configuration has a production variant with one instance",
    severity="medium",
    service="sagemaker",
    resource_type="AWS::SageMaker::EndpointConfig",
    tables=["sagemaker.endpoint_configs"],
    description="A production variant of the endpoint configuration has an InitialInstanceCount "
    "of 1, so an endpoint made from it runs in one Availability Zone. FSBP SageMaker.4 fails a "
    "configuration whose production variants have only one initial instance (AWS Config rule "
    "sagemaker-endpoint-config-prod-instance-count; no parameters: the count must be greater "
    "than 1). Serverless variants have no instance count and are not judged.",
    risk="One instance is one Availability Zone: an instance or zone failure takes the model's "
    "endpoint down until SageMaker replaces it.",
    remediation="Create a new endpoint configuration whose production variants start with two "
    "or more instances (SageMaker spreads them over Availability Zones) and update the endpoints "
    "that use it; endpoint configurations cannot be changed in place.",
    remediation_cli="aws sagemaker create-endpoint-config --region {region} "
    "--endpoint-config-name {resource_id}-ha --production-variants "
    "VariantName=primary,ModelName=MODEL,InitialInstanceCount=2,InstanceType=ml.m5.large",
)
def sagemaker_endpoint_config_single_instance(inv: Inventory) -> pd.DataFrame:
    e = inv["sagemaker.endpoint_configs"]
    single = e["initial_instance_counts"].map(_single).astype("string")
    failed = single.fillna("") != ""
    counts = e["initial_instance_counts"].astype("string")
    detail = ("initial instance counts " + counts).where(
        ~failed, "variant(s) " + single + " start with 1 instance (" + counts + ")"
    )
    detail = detail.where(e["initial_instance_counts"].notna(), NOT_READ)
    serverless = (counts == "{}").fillna(False).astype(bool)
    detail = detail.where(~serverless, "serverless variants only: no instance count")
    return evaluate(e, failed, e["name"], detail, e["arn"])
