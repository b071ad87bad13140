from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, distributions, each, named, nonempty, parsed

if TYPE_CHECKING:
    from ...inventory import Inventory

#: An origin group fails over only with a second origin.
MINIMUM_MEMBERS = 2


@check(
    title="CloudFront distribution has no origin failover",
    severity="low",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A CloudFront distribution has no origin group with two or more origins, as "
    "FSBP CloudFront.4 fails it (no parameters).",
    risk="When its one origin is down or answers with server errors, so is the distribution "
    "for every request not already cached.",
    remediation="Add a second origin, make an origin group of the primary and the second with "
    "the status codes that fail over, and point the cache behaviours at the group.",
    remediation_cli="aws cloudfront get-distribution-config --id {resource_id} "
    "--query DistributionConfig > config.json  # add an OriginGroups entry of two origins, "
    "then: aws cloudfront update-distribution --id {resource_id} --distribution-config "
    "file://config.json --if-match ETAG",
)
def cloudfront_distribution_origin_failover_missing(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    groups = parsed(frame, "origin_groups", [])
    failing_over = each(
        groups, lambda found: [g["id"] for g in found if len(g["members"]) >= MINIMUM_MEMBERS]
    )
    failed = ~nonempty(failing_over)
    who = named(frame)
    detail = (
        who
        + ": fails over in origin group "
        + each(failing_over, lambda ids: ids[0] if ids else "").astype("string")
    ).where(~failed, who + ": no origin group of two or more origins")
    return distributions(frame, failed, detail)
