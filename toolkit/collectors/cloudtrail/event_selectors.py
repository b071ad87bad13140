"""``cloudtrail.event_selectors``: one row per (trail, selector).

GetEventSelectors is called per trail inside the list step, not as a hydrate: a hydrate adds
columns to one row, and one trail's answer makes as many rows as it has selectors.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import GONE, SERVICE, home_trails


@table(
    "cloudtrail.event_selectors",
    where="regional",
    calls=("cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors"),
    columns=(
        ("trail_arn", "string", "The trail the selector belongs to."),
        ("trail_name", "string", "The trail's name."),
        (
            "kind",
            "string",
            "basic (an event selector) or advanced (an advanced event selector).",
        ),
        (
            "read_write_type",
            "string",
            "Basic selectors: ReadOnly, WriteOnly or All; null for advanced ones.",
        ),
        (
            "include_management_events",
            "boolean",
            "Whether management events are logged (advanced: it selects eventCategory Management).",
        ),
        (
            "exclude_management_event_sources",
            "string",
            "Basic selectors: JSON list of event sources left out (kms.amazonaws.com, ...).",
        ),
        (
            "data_resources",
            "string",
            "Basic selectors: JSON list of data event resources (Type, Values); null for advanced.",
        ),
        (
            "advanced_selectors",
            "string",
            "Advanced selectors: the selector (Name, FieldSelectors) as JSON; null for basic.",
        ),
    ),
)
async def event_selectors(ctx: TableContext) -> list[dict[str, Any]]:
    """Every event selector of every trail: one row per (trail, selector)."""
    client = await ctx.client(SERVICE)

    async def rows(trail: dict[str, Any]) -> list[dict[str, Any]]:
        answer = await ctx.aws.call_or(
            client, "get_event_selectors", None, GONE, TrailName=trail["TrailARN"]
        )
        if answer is None:
            return []
        base = {"trail_arn": trail["TrailARN"], "trail_name": trail.get("Name")}
        found = [
            {
                **base,
                "kind": "basic",
                "read_write_type": selector.get("ReadWriteType"),
                "include_management_events": bool_or_none(selector.get("IncludeManagementEvents")),
                "exclude_management_event_sources": json.dumps(
                    sorted(selector.get("ExcludeManagementEventSources") or [])
                ),
                "data_resources": json.dumps(selector.get("DataResources") or []),
                "advanced_selectors": None,
            }
            for selector in answer.get("EventSelectors") or []
        ]
        found += [
            {
                **base,
                "kind": "advanced",
                "read_write_type": None,
                "include_management_events": selects_management(selector),
                "exclude_management_event_sources": None,
                "data_resources": None,
                "advanced_selectors": json.dumps(selector, sort_keys=True),
            }
            for selector in answer.get("AdvancedEventSelectors") or []
        ]
        return found

    per_trail = await asyncio.gather(*(rows(trail) for trail in await home_trails(ctx)))
    return [row for found in per_trail for row in found]


def selects_management(selector: dict[str, Any]) -> bool:
    """Whether an advanced selector's eventCategory field selects management events."""
    for field in selector.get("FieldSelectors") or []:
        if field.get("Field") == "eventCategory":
            return "Management" in (field.get("Equals") or [])
    return False
