from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, distributions, each, listed, named, nonempty, origins_of

if TYPE_CHECKING:
    from ...inventory import Inventory

DEPRECATED = "SSLv3"


@check(
    title="CloudFront distribution allows SSLv3 to a custom origin",
    severity="medium",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A custom origin of a CloudFront distribution lists SSLv3 among its origin SSL "
    "protocols, as FSBP CloudFront.10 fails it (no parameters). Distributions with no custom "
    "origin are not judged.",
    risk="SSL 3.0 is broken (POODLE): an attacker between the edge and the origin can force "
    "the connection down to it and decrypt what crosses.",
    remediation="Set each custom origin's SSL protocols to TLSv1.2 only.",
    remediation_cli="aws cloudfront get-distribution-config --id {resource_id} --query "
    "DistributionConfig | jq '(.Origins.Items[] | select(.CustomOriginConfig) | "
    '.CustomOriginConfig.OriginSslProtocols) = {Quantity: 1, Items: ["TLSv1.2"]}\' > '
    "config.json && aws cloudfront update-distribution --id {resource_id} "
    "--distribution-config file://config.json --if-match $(aws cloudfront "
    "get-distribution-config --id {resource_id} --query ETag --output text)",
)
def cloudfront_distribution_origin_deprecated_ssl(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    custom = origins_of(frame, "custom")
    keep = nonempty(custom)
    frame, custom = frame[keep], custom[keep]
    found = each(
        custom, lambda origins: sorted(o["id"] for o in origins if DEPRECATED in o["ssl_protocols"])
    )
    failed = nonempty(found)
    who = named(frame)
    detail = (who + ": no custom origin allows SSLv3").where(
        ~failed, who + ": SSLv3 allowed to " + each(found, listed).astype("string")
    )
    return distributions(frame, failed, detail)
