from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, distributions, named

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFront distribution uses CloudFront's default certificate",
    severity="low",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A CloudFront distribution serves HTTPS with CloudFront's default "
    "*.cloudfront.net certificate instead of a custom SSL/TLS certificate (from ACM or IAM), "
    "as FSBP CloudFront.7 fails it (no parameters).",
    risk="Viewers reach it only under the cloudfront.net name, which proves nothing about the "
    "organization, and the default certificate holds the security policy at TLSv1.",
    remediation="Request an ACM certificate in us-east-1 for the site's names, add them as "
    "alternate domain names and use the certificate (SNI, TLSv1.2_2021).",
    remediation_cli="aws acm request-certificate --region us-east-1 --domain-name DOMAIN "
    "--validation-method DNS  # then set ViewerCertificate.ACMCertificateArn of "
    "distribution {resource_id} with aws cloudfront update-distribution",
)
def cloudfront_distribution_default_certificate(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    default = frame["default_certificate"].fillna(False).astype(bool)
    who = named(frame)
    source = frame["certificate_source"].fillna("custom").astype("string")
    detail = (who + ": custom certificate from " + source).where(
        ~default, who + ": CloudFront's default certificate"
    )
    return distributions(frame, default, detail)
