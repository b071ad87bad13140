"""``iam.credential_report``: the account's credential report, one row per user and root."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._report import REPORT_ACTIONS, credential_report, not_na, report_bool, report_time
from ._shared import TIMESTAMP

REPORT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("user", "string", "The user's name; <root_account> for the root user."),
    ("arn", "string", "The user's ARN (arn:aws:iam::ACCOUNT:root for the root user)."),
    ("user_creation_time", TIMESTAMP, "When the user was created."),
    ("password_enabled", "boolean", "Whether the user has a console password (null for root)."),
    ("password_last_used", TIMESTAMP, "When the password was last used, if known."),
    ("password_last_changed", TIMESTAMP, "When the password was last set."),
    ("password_next_rotation", TIMESTAMP, "When the password policy requires a new one."),
    ("mfa_active", "boolean", "Whether an MFA device is enabled."),
    ("access_key_1_active", "boolean", "Whether the first access key is active."),
    ("access_key_1_last_rotated", TIMESTAMP, "When the first access key was made or rotated."),
    ("access_key_1_last_used_date", TIMESTAMP, "When the first access key was last used."),
    ("access_key_2_active", "boolean", "Whether the second access key is active."),
    ("access_key_2_last_rotated", TIMESTAMP, "When the second access key was made or rotated."),
    ("access_key_2_last_used_date", TIMESTAMP, "When the second access key was last used."),
    ("cert_1_active", "boolean", "Whether the first signing certificate is active."),
    ("cert_2_active", "boolean", "Whether the second signing certificate is active."),
)


def typed(value: str | None, dtype: str) -> Any:
    """A report value (text) as the column's type; the report's placeholders as None."""
    if dtype == "boolean":
        return report_bool(value)
    if dtype == TIMESTAMP:
        return report_time(value)
    return not_na(value)


@table(
    "iam.credential_report",
    where="global",
    key=("arn",),
    activity=("password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"),
    calls=REPORT_ACTIONS,
    columns=REPORT_COLUMNS,
)
async def credential_report_rows(ctx: TableContext) -> list[dict[str, Any]]:
    """The IAM credential report: one row per user, the root user (<root_account>) included."""
    return [
        {
            "region": "global",
            **{name: typed(line.get(name), dtype) for name, dtype, _ in REPORT_COLUMNS},
        }
        for line in await credential_report(ctx)
    ]
