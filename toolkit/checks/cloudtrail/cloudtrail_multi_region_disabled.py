from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TRAIL, cloudtrail_trails

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail trail is not multi-region",
    severity="medium",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail logs only its home region.",
    risk="Activity in the other regions (where an attacker would go unnoticed) is not recorded "
    "by this trail.",
    remediation="Make the trail multi-region.",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--is-multi-region-trail",
)
def cloudtrail_multi_region_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    multi = t["is_multi_region"].fillna(False)
    detail = multi.map({True: "multi-region", False: "only "}) + t["home_region"].where(~multi, "")
    return cloudtrail_trails(inv, ~multi, detail)
