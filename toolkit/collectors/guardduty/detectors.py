"""``guardduty.detectors``: one row per account and region, with its detector or without.

ListDetectors is the list step; GetDetector is a hydrate, asked only of a listed detector.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "guardduty"
#: A detector deleted between ListDetectors and GetDetector: the region has none.
GONE = ("BadRequestException",)


async def list_detectors(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    ids = await ctx.aws.items(client, "list_detectors", "DetectorIds")
    return [{"detector_id": detector_id} for detector_id in ids] or [{"detector_id": None}]


async def detector(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    if item["detector_id"] is None:
        return {}
    client = await ctx.client(SERVICE)
    got = await ctx.aws.call_or(client, "get_detector", None, GONE, DetectorId=item["detector_id"])
    if got is None:
        return {"detector_id": None}
    return {
        "status": got.get("Status"),
        "finding_publishing_frequency": got.get("FindingPublishingFrequency"),
        "created_at": got.get("CreatedAt"),
    }


detectors = declare(
    "guardduty.detectors",
    where="regional",
    key=("account_id", "region"),
    doc="The GuardDuty detector of each region, and whether it is on: one row per region.",
    list=ListStep(("guardduty:ListDetectors",), list_detectors),
    hydrates=(Hydrate("detector", ("guardduty:GetDetector",), detector),),
    columns=(
        Column("detector_id", "string", "The region's detector; null when there is none."),
        Column(
            "status",
            "string",
            "ENABLED or DISABLED; null when the region has no detector.",
            "detector",
        ),
        Column(
            "finding_publishing_frequency",
            "string",
            "How often updated findings are exported: FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS.",
            "detector",
        ),
        Column("created_at", "datetime64[ns, UTC]", "When the detector was created.", "detector"),
    ),
)
