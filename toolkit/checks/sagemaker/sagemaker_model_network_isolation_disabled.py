from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import explained, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SageMaker model does not have network isolation",
    severity="medium",
    service="sagemaker",
    resource_type="AWS::SageMaker::Model",
    tables=["sagemaker.models"],
    description="The model's EnableNetworkIsolation is false (the default): its containers can "
    "make outbound network calls. FSBP SageMaker.5 fails exactly this (AWS Config rule "
    "sagemaker-model-isolation-enabled; no parameters).",
    risk="An inference container (often third-party code) can send the requests it scores, and "
    "anything its role reaches, to the internet or other hosts.",
    remediation="Create a new model with network isolation enabled (a model cannot be changed), "
    "then an endpoint configuration that serves it, and update the endpoints.",
    remediation_cli="aws sagemaker create-model --region {region} --model-name "
    "{resource_id}-isolated --execution-role-arn ROLE_ARN --primary-container Image=IMAGE "
    "--enable-network-isolation",
)
def sagemaker_model_network_isolation_disabled(inv: Inventory) -> pd.DataFrame:
    m = inv["sagemaker.models"]
    read = m["network_isolation"].notna()
    off = read & ~flag(m["network_isolation"])
    detail = explained(read, off, "network isolation disabled", "network isolation enabled")
    return evaluate(m, off, m["name"], detail, m["arn"])
