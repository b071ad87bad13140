"""``iam.access_keys``: every access key of every IAM user, with its age and last use.

The list step asks ListAccessKeys per user (users from the shared authorization details);
the ``last_used`` hydrate asks GetAccessKeyLastUsed per key.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._report import not_na
from ._shared import DETAILS_ACTION, TIMESTAMP, client, details


async def list_keys(ctx: TableContext) -> list[dict[str, Any]]:
    iam = await client(ctx)
    now = datetime.now(UTC)

    async def of_user(name: str) -> list[dict[str, Any]]:
        keys = await ctx.aws.items(iam, "list_access_keys", "AccessKeyMetadata", UserName=name)
        return [
            {
                "user_name": key.get("UserName", name),
                "access_key_id": key["AccessKeyId"],
                "status": key.get("Status"),
                "create_date": key.get("CreateDate"),
                "age_days": _age_days(key.get("CreateDate"), now),
                "region": "global",
            }
            for key in keys
        ]

    users = (await details(ctx))["UserDetailList"]
    nested = await asyncio.gather(*(of_user(u["UserName"]) for u in users))
    return [row for rows in nested for row in rows]


def _age_days(created: datetime | None, now: datetime) -> int | None:
    return None if created is None else (now - created).days


async def last_used(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call(
        await client(ctx), "get_access_key_last_used", AccessKeyId=item["access_key_id"]
    )
    used = answer.get("AccessKeyLastUsed") or {}
    return {
        "last_used_date": used.get("LastUsedDate"),
        "last_used_service": not_na(used.get("ServiceName")),
        "last_used_region": not_na(used.get("Region")),
    }


access_keys = declare(
    "iam.access_keys",
    where="global",
    key=("access_key_id",),
    activity=("age_days", "last_used_date", "last_used_service", "last_used_region"),
    doc="Every access key of every IAM user, with its age and last use.",
    list=ListStep((DETAILS_ACTION, "iam:ListAccessKeys"), list_keys),
    hydrates=(Hydrate("last_used", ("iam:GetAccessKeyLastUsed",), last_used),),
    columns=(
        Column("user_name", "string", "The user the key belongs to."),
        Column("access_key_id", "string", "The key's id (AKIA...)."),
        Column("status", "string", "Active or Inactive."),
        Column("create_date", TIMESTAMP, "When the key was created."),
        Column("age_days", "Int64", "Whole days from create_date to the collection."),
        Column(
            "last_used_date", TIMESTAMP, "When the key was last used; null if never.", "last_used"
        ),
        Column(
            "last_used_service",
            "string",
            "The service the key was last used with.",
            "last_used",
        ),
        Column("last_used_region", "string", "The region the key was last used in.", "last_used"),
    ),
)
