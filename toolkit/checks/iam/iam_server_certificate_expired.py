from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import as_of, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Expired SSL/TLS certificate stored in IAM",
    severity="medium",
    service="iam",
    resource_type="AWS::IAM::ServerCertificate",
    tables=["iam.server_certificates"],
    description="A server certificate stored in IAM had expired when the inventory was collected.",
    risk="An expired certificate can still be deployed to a load balancer or CloudFront by "
    "mistake: clients then refuse the connection or learn to click through warnings.",
    remediation="Delete the expired certificate from IAM (after replacing it wherever it is "
    "still deployed).",
    remediation_cli="aws iam delete-server-certificate --server-certificate-name {resource_id}",
)
def iam_server_certificate_expired(inv: Inventory) -> pd.DataFrame:
    c = inv["iam.server_certificates"]
    started = as_of(inv)
    expired = is_true(c["expiration"] <= started).where(
        c["expiration"].notna(), is_true(c["expired"])
    )
    when = c["expiration"].dt.strftime("%Y-%m-%d")
    days = (started - c["expiration"]).dt.days.astype("Int64")
    ago = days.astype(str) + days.map(
        lambda n: " day" if n == 1 else " days", na_action="ignore"
    ).astype(str)
    detail = ("expired " + when + " (" + ago + " before the collection)").where(
        expired, "valid until " + when
    )
    undated = expired.map({True: "listed as expired, with no expiration date"})
    detail = detail.where(c["expiration"].notna(), undated.fillna("no expiration date listed"))
    return evaluate(c, expired, c["name"], detail, c["arn"])
