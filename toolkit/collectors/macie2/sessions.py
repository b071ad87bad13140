"""``macie2.sessions``: one row per account and region, Macie enabled there or not."""

from __future__ import annotations

from typing import Any

from ...aws.errors import error_code, error_message
from ..base import Column, ListStep, TableContext, declare

SERVICE = "macie2"
#: How AWS says Macie is off: AccessDeniedException with this message.
NOT_ENABLED = "Macie is not enabled"


def not_enabled(exc: Exception) -> bool:
    """Whether ``exc`` is AWS's answer for an account without Macie (not a missing permission)."""
    return error_code(exc) == "AccessDeniedException" and NOT_ENABLED in error_message(exc)


async def session(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    try:
        got = await ctx.aws.call(client, "get_macie_session")
    except Exception as exc:
        if not_enabled(exc):
            return [{"enabled": False}]
        raise
    return [
        {
            "enabled": True,
            "status": got.get("status"),
            "finding_publishing_frequency": got.get("findingPublishingFrequency"),
            "service_role": got.get("serviceRole"),
            "created_at": got.get("createdAt"),
            "updated_at": got.get("updatedAt"),
        }
    ]


sessions = declare(
    "macie2.sessions",
    where="regional",
    key=("account_id", "region"),
    doc="Whether Amazon Macie is enabled (and not paused): one row per account and region.",
    list=ListStep(("macie2:GetMacieSession",), session),
    columns=(
        Column("enabled", "boolean", "Whether the account has a Macie session in this region."),
        Column("status", "string", "ENABLED or PAUSED; null when Macie is not enabled."),
        Column(
            "finding_publishing_frequency",
            "string",
            "How often updated findings are published: FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS.",
        ),
        Column("service_role", "string", "The service-linked role Macie uses."),
        Column("created_at", "datetime64[ns, UTC]", "When Macie was enabled."),
        Column("updated_at", "datetime64[ns, UTC]", "When the session's status last changed."),
    ),
)
