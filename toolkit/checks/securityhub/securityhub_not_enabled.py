from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each, evaluate
from ._shared import ACCOUNT, delegated_cover, regional_arn, uncovered

if TYPE_CHECKING:
    from ...inventory import Inventory

PRINCIPAL = "securityhub.amazonaws.com"


def _short(standards: str) -> str:
    """'aws-foundational-security-best-practices/v/1.0.0, ...' from the standards' ARNs."""
    names = [arn.split("/", 1)[-1] for arn in standards.split(",") if arn]
    return ", ".join(names) if names else "no standard subscribed"


@check(
    title="Security Hub is not enabled",
    severity="medium",
    service="securityhub",
    resource_type=ACCOUNT,
    tables=["securityhub.hubs"],
    description="Security Hub is not enabled in this account and region, and, for a member "
    "account, the organization's delegated administrator for Security Hub does not have it "
    "enabled there either (one result per account and region).",
    risk="No central view of security findings and no continuous check against the security "
    "standards: misconfigurations and threats in the region go unnoticed.",
    remediation="Enable Security Hub in every region, ideally from a delegated administrator "
    "for the organization that enables it for every member account.",
    remediation_cli="aws securityhub enable-security-hub --enable-default-standards "
    "--region {region}",
)
def securityhub_not_enabled(inv: Inventory) -> pd.DataFrame:
    h = inv["securityhub.hubs"]
    enabled = h["enabled"].fillna(False).astype(bool)
    cover = delegated_cover(inv, h, enabled, PRINCIPAL)
    region = h["region"].astype("string")
    standards = each(h["standards"], _short, "")
    detail = (
        ("enabled in " + region + " with " + standards.astype("string"))
        .where(enabled, "managed by the delegated administrator " + cover
               + ", which has Security Hub enabled in " + region)
        .fillna("Security Hub is not enabled in " + region + uncovered(inv, "Security Hub"))
    )  # fmt: skip
    arn = h["hub_arn"].astype("string").fillna(regional_arn(h, "securityhub", "hub/default"))
    return evaluate(h, ~enabled & cover.isna(), arn, detail, arn)
