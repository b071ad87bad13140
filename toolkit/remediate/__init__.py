"""Remediation: the one part of the toolkit that writes to AWS, so it is explicit and logged.

``plan(findings)`` turns FAILs into actions (no AWS call); ``apply(plan, scope, confirm=True)``
runs them concurrently through the same engine, skipping what is already compliant on re-read,
and appends every action with its before and after state to an audit log (JSON lines) that is
never overwritten. Without ``confirm=True`` nothing is written.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import UsageError
from .fixers import FIXERS, Action, fixers_for

if TYPE_CHECKING:
    from ..inventory import Inventory
    from ..scope import Scope

PLAN_COLUMNS = [
    "action_id",
    "check_id",
    "account_id",
    "region",
    "resource_id",
    "service",
    "operation",
    "parameters",
    "cli",
    "effect",
    "risk",
]
RESULT_COLUMNS = [*PLAN_COLUMNS, "status", "error", "before", "after"]


def plan(
    findings: pd.DataFrame,
    checks: Iterable[str] | None = None,
    inventory: Inventory | None = None,
) -> pd.DataFrame:
    """One row per action that would fix a FAIL whose check has a fixer. No AWS call is made.

    Security group rules and access keys are named exactly only with the ``inventory`` the
    findings came from; without it those fixers plan nothing rather than guess.
    """
    table = fixers_for(checks)
    failed = findings[(findings["status"] == "FAIL") & findings["check_id"].isin(list(table))]
    actions: dict[tuple, Action] = {}
    for _, row in failed.iterrows():
        for action in table[row["check_id"]].build(row, inventory):
            key = (action.account_id, action.region, action.service, action.operation,
                   json.dumps(action.parameters, sort_keys=True))  # fmt: skip
            actions.setdefault(key, action)  # one write per target, even if several checks ask
    rows = [
        {**asdict(a), "parameters": json.dumps(a.parameters, sort_keys=True)}
        for a in actions.values()
    ]
    frame = pd.DataFrame(rows, columns=[c for c in PLAN_COLUMNS if c != "action_id"])
    frame = frame.sort_values(["account_id", "region", "service", "resource_id"], ignore_index=True)
    frame.insert(0, "action_id", [f"A{n:04d}" for n in range(1, len(frame) + 1)])
    return frame.astype("string")


def apply(
    plan: pd.DataFrame,
    scope: Scope,
    confirm: bool = False,
    audit_log: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Run the plan's actions (refuses without ``confirm=True``); one result row per action."""
    if not confirm:
        raise UsageError(
            "apply changes AWS resources; review the plan, then call apply(..., confirm=True) "
            "(on the command line: --yes)."
        )
    from .._sync import run_sync

    return run_sync(apply_async(plan, scope, audit_log))


async def apply_async(
    plan: pd.DataFrame, scope: Scope, audit_log: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    from ..aws.session import AwsSession

    missing = set(PLAN_COLUMNS) - set(plan.columns)
    if missing:
        raise UsageError(f"This is not a remediation plan (missing {', '.join(sorted(missing))}).")
    log = Path(audit_log) if audit_log else default_audit_log()
    log.parent.mkdir(parents=True, exist_ok=True)
    by_check = {check: fixer for fixer in FIXERS for check in fixer.checks}
    async with AwsSession(scope) as aws:
        who = aws.caller_arn

        async def run(row: pd.Series) -> dict[str, Any]:
            action = Action(
                **{k: row[k] for k in PLAN_COLUMNS if k not in ("action_id", "parameters")},
                parameters=json.loads(row["parameters"]),
            )
            fixer = by_check.get(action.check_id)
            result = {
                **{k: row[k] for k in PLAN_COLUMNS},
                "error": None,
                "before": None,
                "after": None,
            }
            if fixer is None:
                return {**result, "status": "failed", "error": f"no fixer for {action.check_id}"}
            try:
                client = await aws.client(action.service, action.account_id, action.region)
                before = await _read(aws, client, fixer, action)
                result["before"] = before
                if fixer.compliant(action, before):
                    return {**result, "status": "skipped", "after": before}
                await aws.call(client, action.operation, **action.parameters)
                result["after"] = await _read(aws, client, fixer, action)
                return {**result, "status": "done"}
            except Exception as exc:
                from ..aws.errors import error_code, error_message

                return {
                    **result,
                    "status": "failed",
                    "error": f"{error_code(exc)}: {error_message(exc)}",
                }

        results = await asyncio.gather(*(run(row) for _, row in plan.iterrows()))
    _append_log(log, who, results)
    frame = pd.DataFrame(results, columns=RESULT_COLUMNS)
    for column in ("before", "after"):
        frame[column] = frame[column].map(
            lambda v: None if v is None else json.dumps(v, default=str)
        )
    return frame.astype("string")


async def _read(aws: Any, client: Any, fixer: Any, action: Action) -> dict[str, Any] | None:
    operation, params = fixer.read(action)
    answer = await aws.call_or(client, operation, None, fixer.absent, **params)
    if answer is not None:
        answer = {k: v for k, v in answer.items() if k != "ResponseMetadata"}
    return answer


def default_audit_log() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("aws-estate-toolkit")) / "remediation-audit.jsonl"


def _append_log(path: Path, who: str, results: list[dict[str, Any]]) -> None:
    """Append only: one JSON line per action; earlier runs are never rewritten."""
    when = datetime.now(UTC).isoformat()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        for result in results:
            entry = {
                "who": who,
                "local_user": getpass.getuser(),
                "when": when,
                "action": {k: result[k] for k in PLAN_COLUMNS},
                "status": result["status"],
                "error": result["error"],
                "before": result["before"],
                "after": result["after"],
            }
            handle.write(json.dumps(entry, default=str) + "\n")


def read_plan(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A plan written by ``toolkit remediate plan -o PLAN.csv``."""
    source = Path(path)
    if not source.is_file():
        raise UsageError(
            f"Plan file {source} does not exist; write one with 'toolkit remediate plan'."
        )
    try:
        frame = pd.read_csv(source, dtype="string", keep_default_na=False)
    except Exception as exc:
        raise UsageError(f"Plan file {source} is not a readable CSV ({exc}).") from None
    missing = set(PLAN_COLUMNS) - set(frame.columns)
    if missing:
        raise UsageError(
            f"{source} is not a remediation plan (missing {', '.join(sorted(missing))})."
        )
    return frame


__all__ = ["apply", "default_audit_log", "plan", "read_plan"]
