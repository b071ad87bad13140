"""``iam.users``: every IAM user; console password and MFA state from the credential report.

The list step reads the shared authorization details. The ``credentials`` hydrate reads the
user's line of the credential report (one report for the account), and asks GetLoginProfile
and ListMFADevices only for a user made since the report was generated.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._report import REPORT_ACTIONS, by_user, credential_report, report_bool, report_time
from ._shared import (
    ATTACHED_DOC,
    BOUNDARY_DOC,
    DETAILS_ACTION,
    INLINE_DOC,
    NO_ENTITY,
    TAGS_DOC,
    TIMESTAMP,
    attached,
    boundary,
    client,
    details,
    inline,
    json_list,
    tags,
    user_mfa_devices,
)


async def list_users(ctx: TableContext) -> list[dict[str, Any]]:
    return [
        {
            "user_name": user["UserName"],
            "user_id": user.get("UserId"),
            "arn": user["Arn"],
            "path": user.get("Path"),
            "create_date": user.get("CreateDate"),
            "attached_policy_arns": attached(user),
            "inline_policy_names": inline(user, "UserPolicyList"),
            "permissions_boundary_arn": boundary(user),
            "group_names": json_list(user.get("GroupList") or []),
            "tags": tags(user),
            "region": "global",
        }
        for user in (await details(ctx))["UserDetailList"]
    ]


async def credentials(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The user's line of the report; for a user missing from it, that user's own calls."""
    name = item["user_name"]
    line = by_user(await credential_report(ctx)).get(name)
    if line is not None:
        return {
            "password_enabled": report_bool(line.get("password_enabled")),
            "password_last_used": report_time(line.get("password_last_used")),
            "mfa_active": report_bool(line.get("mfa_active")),
        }
    profile, devices = await asyncio.gather(
        ctx.aws.call_or(await client(ctx), "get_login_profile", None, NO_ENTITY, UserName=name),
        user_mfa_devices(ctx, name),
    )
    return {
        "password_enabled": profile is not None,
        "password_last_used": None,
        "mfa_active": bool(devices),
    }


users = declare(
    "iam.users",
    where="global",
    key=("arn",),
    activity=("password_last_used",),
    doc="Every IAM user, with console password and MFA state, policies and groups.",
    list=ListStep((DETAILS_ACTION,), list_users),
    hydrates=(
        Hydrate(
            "credentials",
            (*REPORT_ACTIONS, "iam:GetLoginProfile", "iam:ListMFADevices"),
            credentials,
        ),
    ),
    columns=(
        Column("user_name", "string", "The user's name."),
        Column("user_id", "string", "The user's unique id (AIDA...)."),
        Column("arn", "string", "The user's ARN."),
        Column("path", "string", "The user's path, / by default."),
        Column("create_date", TIMESTAMP, "When the user was created."),
        Column(
            "password_enabled", "boolean", "Whether the user has a console password.", "credentials"
        ),
        Column(
            "password_last_used",
            TIMESTAMP,
            "When the console password was last used, if known.",
            "credentials",
        ),
        Column(
            "mfa_active",
            "boolean",
            "Whether the user has an MFA device (virtual or hardware).",
            "credentials",
        ),
        Column("attached_policy_arns", "string", ATTACHED_DOC),
        Column("inline_policy_names", "string", INLINE_DOC),
        Column("permissions_boundary_arn", "string", BOUNDARY_DOC),
        Column("group_names", "string", "JSON list of the groups the user belongs to."),
        Column("tags", "string", TAGS_DOC),
    ),
)
