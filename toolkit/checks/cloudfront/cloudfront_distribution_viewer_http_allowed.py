from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, UPDATE_CLI, distributions, each, listed, named, nonempty, parsed

if TYPE_CHECKING:
    from ...inventory import Inventory

ALLOW_ALL = "allow-all"


@check(
    title="CloudFront distribution lets viewers use plain HTTP",
    severity="medium",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="The default cache behaviour or another cache behaviour of a CloudFront "
    "distribution has the viewer protocol policy allow-all, as FSBP CloudFront.3 fails it (no "
    "parameters): viewers may fetch over HTTP instead of being sent to HTTPS "
    "(redirect-to-https) or refused (https-only).",
    risk="Requests and answers over plain HTTP can be read and changed on the way: session "
    "cookies, tokens and the content itself.",
    remediation="Set the viewer protocol policy of every cache behaviour to redirect-to-https "
    "(or https-only).",
    remediation_cli=UPDATE_CLI.replace(
        "> config.json",
        '| jq \'.DefaultCacheBehavior.ViewerProtocolPolicy = "redirect-to-https" | '
        '(.CacheBehaviors.Items[]?.ViewerProtocolPolicy) = "redirect-to-https"\' > config.json',
    ),
)
def cloudfront_distribution_viewer_http_allowed(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    policies = parsed(frame, "viewer_protocol_policies", {})
    open_paths = each(policies, lambda p: sorted(path for path, v in p.items() if v == ALLOW_ALL))
    failed = nonempty(open_paths)
    who = named(frame)
    detail = (who + ": every cache behaviour sends viewers to HTTPS").where(
        ~failed, who + ": allow-all on " + each(open_paths, listed).astype("string")
    )
    return distributions(frame, failed, detail)
