from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ..securityhub._shared import ACCOUNT, delegated_cover, regional_arn, uncovered

if TYPE_CHECKING:
    from ...inventory import Inventory

PRINCIPAL = "guardduty.amazonaws.com"


@check(
    title="GuardDuty is not enabled",
    severity="high",
    service="guardduty",
    resource_type=ACCOUNT,
    tables=["guardduty.detectors"],
    description="The account has no enabled GuardDuty detector in this region: none at all "
    "(and, for a member account, none in the organization's delegated administrator for "
    "GuardDuty there either), or one that is suspended (DISABLED). One result per account and "
    "region.",
    risk="Threats in the region (compromised credentials, crypto mining, reconnaissance, "
    "exfiltration) are not detected.",
    remediation="Enable GuardDuty in every region, ideally from a delegated administrator for "
    "the organization that enables it for every member account; re-enable suspended detectors.",
    remediation_cli="aws guardduty create-detector --enable --region {region}",
)
def guardduty_not_enabled(inv: Inventory) -> pd.DataFrame:
    g = inv["guardduty.detectors"]
    on = (g["status"] == "ENABLED").fillna(False).astype(bool)
    off = (g["status"] == "DISABLED").fillna(False).astype(bool)
    cover = delegated_cover(inv, g, on, PRINCIPAL)
    region = g["region"].astype("string")
    detector = g["detector_id"].astype("string")
    detail = (
        pd.Series(pd.NA, index=g.index, dtype="string")
        .mask(on, "detector " + detector + " is enabled in " + region)
        .mask(off, "detector " + detector + " is disabled (suspended) in " + region)
        .fillna("managed by the delegated administrator " + cover
                + ", which has an enabled detector in " + region)
        .fillna("no GuardDuty detector in " + region + uncovered(inv, "GuardDuty"))
    )  # fmt: skip
    resource = ("detector/" + detector).fillna("detector")
    arn = regional_arn(g, "guardduty", "") + resource
    return evaluate(g, ~on & (off | cover.isna()), arn, detail, arn)
