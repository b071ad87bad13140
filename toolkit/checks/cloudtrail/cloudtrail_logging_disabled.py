from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TRAIL, cloudtrail_trails

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail trail is not logging",
    severity="high",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail exists but logging is stopped (GetTrailStatus IsLogging false).",
    risk="Nothing is recorded while logging is stopped; stopping a trail is a classic step of an "
    "attack.",
    remediation="Start logging on the trail, and find out who stopped it and why.",
    remediation_cli="aws cloudtrail start-logging --region {region} --name {resource_id}",
)
def cloudtrail_logging_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    logging = t["is_logging"].fillna(False)
    delivered = t["latest_delivery_time"].dt.strftime("%Y-%m-%d %H:%M").fillna("never")
    detail = logging.map({True: "logging", False: "stopped"}) + "; last delivery " + delivered
    return cloudtrail_trails(inv, ~logging, detail)
