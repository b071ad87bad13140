"""The IAM credential report, asked for once per account and read as typed values.

GenerateCredentialReport, then GetCredentialReport, asked again with a growing wait while AWS
answers ReportInProgress (at most a minute). AWS reuses a report for four hours, so users made
since then are missing from it; the tables that need them ask about those users alone.
"""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime
from typing import Any

from ..base import TableContext
from ._shared import client

#: The root user's name in the credential report and in ``iam.mfa_devices``.
ROOT_USER = "<root_account>"
REPORT_ACTIONS = ("iam:GenerateCredentialReport", "iam:GetCredentialReport")
#: Credential report values that mean "no value": null in the tables.
REPORT_NULLS = frozenset({"", "N/A", "no_information", "not_supported"})
#: GetCredentialReport answers while the report is being made.
REPORT_PENDING = ("ReportInProgress", "ReportNotPresent")
REPORT_WAIT_SECONDS = 60.0
REPORT_FIRST_POLL_SECONDS = 0.5
REPORT_MAX_POLL_SECONDS = 5.0


async def credential_report(ctx: TableContext) -> list[dict[str, str]]:
    """The credential report's rows (the CSV's text values), once per account and run."""

    async def fetch() -> list[dict[str, str]]:
        iam = await client(ctx)
        await ctx.aws.call(iam, "generate_credential_report")
        waited, delay = 0.0, REPORT_FIRST_POLL_SECONDS
        while True:
            answer = await ctx.aws.call_or(iam, "get_credential_report", None, REPORT_PENDING)
            if answer is not None:
                break
            if waited >= REPORT_WAIT_SECONDS:
                raise TimeoutError(
                    f"The IAM credential report of account {ctx.account_id} was still being "
                    f"generated after {REPORT_WAIT_SECONDS:.0f} seconds."
                )
            await asyncio.sleep(delay)
            waited += delay
            delay = min(delay * 2, REPORT_MAX_POLL_SECONDS)
        content = answer.get("Content") or b""
        text = content.decode("utf-8") if isinstance(content, bytes) else str(content)
        return [dict(row) for row in csv.DictReader(io.StringIO(text)) if row.get("user")]

    return await ctx.aws.memo(("iam.credential_report", ctx.account_id), fetch)


def report_bool(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get((value or "").strip().lower())


def report_time(value: str | None) -> datetime | None:
    if value is None or value.strip() in REPORT_NULLS:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def not_na(value: str | None) -> str | None:
    """The value, or None for the report's (and AccessKeyLastUsed's) "N/A" placeholders."""
    return None if value is None or value.strip() in REPORT_NULLS else value


def by_user(report: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["user"]: line for line in report}
