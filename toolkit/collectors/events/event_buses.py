"""``events.event_buses``: every EventBridge event bus, with its resource-based policy.

ListEventBuses answers the name, ARN and policy of each bus: the table needs no other call.
(Descriptions and dates are left out: moto keeps neither, so the sandbox could not fill them.) Partner event buses (names starting ``aws.partner/``) are listed too.
"""

from __future__ import annotations

from typing import Any

from ...policies import to_json
from ..base import Column, ListStep, TableContext, declare

SERVICE = "events"
LIMIT = 100
#: The bus every account has in every region; the others are custom or partner buses.
DEFAULT_BUS = "default"


async def list_event_buses(ctx: TableContext) -> list[dict[str, Any]]:
    """ListEventBuses has no paginator: follow NextToken."""
    client = await ctx.client(SERVICE)
    found: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = await ctx.aws.call(
            client, "list_event_buses", Limit=LIMIT, **({"NextToken": token} if token else {})
        )
        found.extend(page.get("EventBuses") or [])
        token = page.get("NextToken")
        if not token or not page.get("EventBuses"):
            break
    return [
        {
            "name": bus["Name"],
            "arn": bus["Arn"],
            "is_default": bus["Name"] == DEFAULT_BUS,
            "policy": to_json(bus["Policy"]) if bus.get("Policy") else None,
        }
        for bus in found
    ]


event_buses = declare(
    "events.event_buses",
    where="regional",
    key=("arn",),
    doc="Every EventBridge event bus (default, custom and partner), with its resource-based "
    "policy.",
    list=ListStep(("events:ListEventBuses",), list_event_buses),
    columns=(
        Column("name", "string", "The bus's name (default for the account's default bus)."),
        Column("arn", "string", "arn:aws:events:REGION:ACCOUNT:event-bus/NAME."),
        Column("is_default", "boolean", "Whether it is the account's default event bus."),
        Column(
            "policy",
            "string",
            "Its resource-based policy (JSON): who else may put events on it or manage its "
            "rules; null without one.",
        ),
    ),
)
