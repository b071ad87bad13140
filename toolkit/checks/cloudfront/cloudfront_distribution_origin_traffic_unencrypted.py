from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, distributions, each, listed, named, nonempty, origins_of, parsed

if TYPE_CHECKING:
    from ...inventory import Inventory


def _unencrypted(origins: list[dict], viewers_on_http: bool) -> list[str]:
    """Custom origins reached over HTTP: http-only, or match-viewer while a behaviour lets
    viewers use HTTP."""
    return sorted(
        f"{o['id']} ({o['protocol_policy']})"
        for o in origins
        if o["protocol_policy"] == "http-only"
        or (o["protocol_policy"] == "match-viewer" and viewers_on_http)
    )


@check(
    title="CloudFront distribution reaches a custom origin over plain HTTP",
    severity="medium",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A custom origin of a CloudFront distribution has the origin protocol policy "
    "http-only, or match-viewer while a cache behaviour's viewer protocol policy is allow-all, "
    "as FSBP CloudFront.9 fails it (no parameters). Distributions with no custom origin are "
    "not judged.",
    risk="Between the edge and the origin the traffic crosses the internet in clear text: it "
    "can be read and changed there, whatever the viewer's side uses.",
    remediation="Set each custom origin's protocol policy to https-only, with TLSv1.2 as its "
    "SSL protocol.",
    remediation_cli="aws cloudfront get-distribution-config --id {resource_id} --query "
    "DistributionConfig | jq '(.Origins.Items[] | select(.CustomOriginConfig) | "
    '.CustomOriginConfig.OriginProtocolPolicy) = "https-only"\' > config.json && aws '
    "cloudfront update-distribution --id {resource_id} --distribution-config "
    "file://config.json --if-match $(aws cloudfront get-distribution-config --id "
    "{resource_id} --query ETag --output text)",
)
def cloudfront_distribution_origin_traffic_unencrypted(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    custom = origins_of(frame, "custom")
    frame, custom = frame[nonempty(custom)], custom[nonempty(custom)]
    viewers_on_http = each(
        parsed(frame, "viewer_protocol_policies", {}),
        lambda policies: "allow-all" in policies.values(),
    )
    found = pd.Series(
        [_unencrypted(o, v) for o, v in zip(custom, viewers_on_http, strict=True)],
        index=frame.index,
        dtype="object",
    )
    failed = nonempty(found)
    who = named(frame)
    detail = (who + ": custom origins reached over HTTPS").where(
        ~failed, who + ": custom origin reached over HTTP: " + each(found, listed).astype("string")
    )
    return distributions(frame, failed, detail)
