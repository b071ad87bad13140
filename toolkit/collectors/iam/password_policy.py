"""``iam.password_policy``: one row per account; NoSuchEntity is "not configured", not an error."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import NO_ENTITY, client


@table(
    "iam.password_policy",
    where="global",
    key=("account_id",),
    calls=("iam:GetAccountPasswordPolicy",),
    columns=(
        ("configured", "boolean", "Whether the account has a password policy."),
        ("minimum_length", "Int64", "The shortest password allowed."),
        ("require_symbols", "boolean", "Whether passwords need a symbol."),
        ("require_numbers", "boolean", "Whether passwords need a digit."),
        ("require_uppercase", "boolean", "Whether passwords need an uppercase letter."),
        ("require_lowercase", "boolean", "Whether passwords need a lowercase letter."),
        ("allow_users_to_change", "boolean", "Whether users may change their own password."),
        ("max_age_days", "Int64", "Days a password lasts; null if passwords do not expire."),
        ("reuse_prevention", "Int64", "How many previous passwords may not be reused."),
        ("hard_expiry", "boolean", "Whether an expired password needs an administrator reset."),
    ),
)
async def password_policy(ctx: TableContext) -> list[dict[str, Any]]:
    """The account's password policy: one row per account, with configured False if none."""
    answer = await ctx.aws.call_or(
        await client(ctx), "get_account_password_policy", None, NO_ENTITY
    )
    if answer is None:
        return [{"configured": False, "region": "global"}]
    policy = answer.get("PasswordPolicy") or {}
    return [
        {
            "configured": True,
            "minimum_length": policy.get("MinimumPasswordLength"),
            "require_symbols": bool_or_none(policy.get("RequireSymbols")),
            "require_numbers": bool_or_none(policy.get("RequireNumbers")),
            "require_uppercase": bool_or_none(policy.get("RequireUppercaseCharacters")),
            "require_lowercase": bool_or_none(policy.get("RequireLowercaseCharacters")),
            "allow_users_to_change": bool_or_none(policy.get("AllowUsersToChangePassword")),
            # AWS leaves MaxPasswordAge out when passwords do not expire; moto answers 0.
            "max_age_days": policy.get("MaxPasswordAge") or None,
            "reuse_prevention": policy.get("PasswordReusePrevention"),
            "hard_expiry": bool_or_none(policy.get("HardExpiry")),
            "region": "global",
        }
    ]
