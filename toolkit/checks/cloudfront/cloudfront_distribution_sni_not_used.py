from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, UPDATE_CLI, distributions, named

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Dedicated IP addresses for every edge location: what CloudFront.8 fails.
DEDICATED_IP = "vip"


@check(
    title="CloudFront distribution serves HTTPS from dedicated IP addresses, not SNI",
    severity="low",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A CloudFront distribution with a custom SSL/TLS certificate serves HTTPS "
    "from dedicated IP addresses (SSL support method vip) instead of SNI, as FSBP "
    "CloudFront.8 fails it (no parameters). Distributions with CloudFront's default "
    "certificate are not judged.",
    risk="Dedicated IP addresses exist for clients too old to send SNI; they cost hundreds of "
    "dollars a month per distribution and serve no modern browser better.",
    remediation="Set the SSL support method to sni-only.",
    remediation_cli=UPDATE_CLI.replace(
        "> config.json", "| jq '.ViewerCertificate.SSLSupportMethod = \"sni-only\"' > config.json"
    ),
)
def cloudfront_distribution_sni_not_used(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    frame = frame[~frame["default_certificate"].fillna(True).astype(bool)]
    method = frame["ssl_support_method"].astype("string")
    failed = (method == DEDICATED_IP).fillna(False)
    who = named(frame)
    detail = (who + ": serves HTTPS with " + method.fillna("sni-only")).where(
        ~failed, who + ": custom certificate served from dedicated IP addresses (vip)"
    )
    return distributions(frame, failed, detail)
