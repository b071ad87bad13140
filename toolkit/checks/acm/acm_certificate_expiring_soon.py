from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CERTIFICATE, certificates, named

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ACM.1's parameter daysToExpiration as Security Hub sets it by default.
DAYS_TO_EXPIRATION = 30


@check(
    title="ACM certificate expires within 30 days",
    severity="medium",
    service="acm",
    resource_type=CERTIFICATE,
    tables=["acm.certificates"],
    description="A certificate in ACM, imported or ACM-issued, expires within 30 days or has "
    "expired: FSBP ACM.1 with Security Hub's default daysToExpiration of 30. ACM renews the "
    "certificates it issues when their validation still holds; it never renews imported "
    "ones. Certificates not yet issued (no expiry date) are not judged.",
    risk="When the certificate expires, every client refuses the TLS handshake: the load "
    "balancer, distribution or API that serves it is down for its users.",
    remediation="For an imported certificate, get a new one from its issuer and re-import it "
    "into the same ARN, so that what uses it needs no change; for an ACM-issued one, fix its "
    "DNS validation records so that managed renewal succeeds.",
    remediation_cli="aws acm import-certificate --region {region} --certificate-arn "
    "arn:aws:acm:{region}:{account_id}:certificate/{resource_id} --certificate "
    "fileb://certificate.pem --private-key fileb://private-key.pem --certificate-chain "
    "fileb://chain.pem",
)
def acm_certificate_expiring_soon(inv: Inventory) -> pd.DataFrame:
    c = inv["acm.certificates"]
    c = c[c["not_after"].notna()]
    now = pd.Timestamp.now(tz="UTC")
    days = (c["not_after"] - now).dt.days
    failed = days < DAYS_TO_EXPIRATION
    date = c["not_after"].dt.strftime("%Y-%m-%d").astype("string")
    left = days.astype("Int64").astype("string")
    who = named(c)
    detail = (who + ": expires " + date + ", in " + left + " days").where(
        days >= 0, who + ": expired on " + date
    )
    detail = detail.where(~failed, detail + f" (fewer than {DAYS_TO_EXPIRATION})")
    return certificates(c, failed, detail)
