"""``iam.account_summary``: one GetAccountSummary per account (root user state, counts)."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import client


@table(
    "iam.account_summary",
    where="global",
    key=("account_id",),
    calls=("iam:GetAccountSummary",),
    columns=(
        ("root_mfa_enabled", "boolean", "Whether the root user has MFA (AccountMFAEnabled)."),
        (
            "root_access_keys_present",
            "boolean",
            "Whether the root user has access keys (AccountAccessKeysPresent).",
        ),
        ("users", "Int64", "How many IAM users the account has."),
        ("roles", "Int64", "How many IAM roles the account has."),
        ("groups", "Int64", "How many IAM groups the account has."),
        ("policies", "Int64", "How many customer managed policies the account has."),
        ("mfa_devices", "Int64", "How many MFA devices exist, assigned or not."),
        ("mfa_devices_in_use", "Int64", "How many MFA devices are assigned."),
    ),
)
async def account_summary(ctx: TableContext) -> list[dict[str, Any]]:
    """The account's IAM summary: root user MFA and access keys, and entity counts."""
    answer = await ctx.aws.call(await client(ctx), "get_account_summary")
    summary = answer.get("SummaryMap") or {}
    return [
        {
            "root_mfa_enabled": bool_or_none(summary.get("AccountMFAEnabled")),
            "root_access_keys_present": bool_or_none(summary.get("AccountAccessKeysPresent")),
            "users": summary.get("Users"),
            "roles": summary.get("Roles"),
            "groups": summary.get("Groups"),
            "policies": summary.get("Policies"),
            "mfa_devices": summary.get("MFADevices"),
            "mfa_devices_in_use": summary.get("MFADevicesInUse"),
            "region": "global",
        }
    ]
