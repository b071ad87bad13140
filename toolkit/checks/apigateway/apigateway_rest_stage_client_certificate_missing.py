from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, named, stages, update_stage_cli

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="API Gateway REST API stage shows its backend no client certificate",
    severity="medium",
    service="apigateway",
    resource_type=STAGE,
    tables=["apigateway.rest_api_stages"],
    description="A REST API stage has no client certificate, as FSBP APIGateway.2 fails it (no "
    "parameters): the backend cannot tell API Gateway's requests from anyone else's.",
    risk="A backend reachable from the internet that does not authenticate its caller serves "
    "whoever finds its address, around the API's authorizers, throttling and WAF.",
    remediation="Generate a client certificate in API Gateway, set it on the stage and make "
    "the backend require it (mutual TLS).",
    remediation_cli=update_stage_cli(
        "op=replace,path=/clientCertificateId,value=$(aws apigateway "
        "generate-client-certificate --region {region} --query clientCertificateId --output text)"
    ),
)
def apigateway_rest_stage_client_certificate_missing(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigateway.rest_api_stages"]
    certificate = frame["client_certificate_id"].astype("string")
    failed = certificate.isna() | (certificate == "")
    who = named(frame)
    detail = (who + ": client certificate " + certificate.fillna("")).where(
        ~failed, who + ": no client certificate for the backend"
    )
    return stages(frame, failed, detail)
