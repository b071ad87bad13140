"""``toolkit remediate plan`` and ``toolkit remediate apply``: plans are files a person reviews;
apply changes nothing without ``--yes``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ._options import add_aws_options, inventory_for, scope_for, scope_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit remediate`` and its actions to the ``toolkit`` command's sub-parsers."""
    remediate = subparsers.add_parser(
        "remediate",
        help="plan fixes for failing checks, and apply a reviewed plan",
        description="Plan fixes (no AWS call), then apply a reviewed plan with --yes.",
    )
    actions = remediate.add_subparsers(dest="remediate_command", metavar="ACTION", required=True)
    planning = actions.add_parser("plan", help="write the actions that would fix the FAILs")
    add_aws_options(planning)
    planning.add_argument("--snapshot", metavar="DIR", help="plan from a snapshot")
    planning.add_argument("--findings", metavar="FILE", help="plan from a findings CSV/Parquet")
    planning.add_argument("--checks", metavar="ID,...", help="only these checks' fixers")
    planning.add_argument("--no-progress", action="store_true", help="no progress bar")
    planning.add_argument("-o", "--output", metavar="PLAN.csv", required=True)
    applying = actions.add_parser("apply", help="apply a plan (prints it and stops without --yes)")
    applying.add_argument("plan", metavar="PLAN.csv")
    applying.add_argument("--yes", action="store_true", help="really change AWS")
    applying.add_argument("--audit-log", metavar="FILE", help="JSON lines log to append to")
    add_aws_options(applying)
    return remediate


def run(args: argparse.Namespace) -> int:
    """Write a plan, or print one and (with --yes) apply it; 1 when an action failed."""
    from ..remediate import apply, plan, read_plan

    if args.remediate_command == "plan":
        findings, inventory = _findings(args)
        checks = args.checks.split(",") if args.checks else None
        actions = plan(findings, checks, inventory=inventory)
        output = Path(args.output)
        if output.suffix != ".csv":
            raise UsageError(f"Write the plan to a .csv file, not {output.name}.")
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = output.with_name(f".{output.name}.partial")
        actions.to_csv(staging, index=False)
        staging.replace(output)
        print(
            f"{len(actions)} actions for {actions['check_id'].nunique()} checks written to {output}"
        )
        if inventory is None:
            print(
                "Planned from findings alone: security group rules and access keys need a snapshot."
            )
        return 0
    actions = read_plan(args.plan)
    _print_plan(actions)
    if not args.yes:
        print("\nNothing was changed. Review the plan, then run again with --yes to apply it.")
        return 0
    with scope_for(args) as scope:
        results = apply(actions, scope, confirm=True, audit_log=args.audit_log)
    counts = results["status"].value_counts()
    print("\n" + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("done", "skipped", "failed")))
    for row in results[results["status"] == "failed"].itertuples():
        print(f"  failed {row.action_id} {row.operation} {row.resource_id}: {row.error}")
    return 1 if counts.get("failed", 0) else 0


def _findings(args: argparse.Namespace) -> tuple[Any, Any]:
    import pandas as pd

    if args.findings:
        if args.snapshot or args.demo or scope_options(args):
            raise UsageError("Give either --findings or where to read an inventory from, not both.")
        path = Path(args.findings)
        if not path.is_file():
            raise UsageError(
                f"Findings file {path} does not exist; write one with 'toolkit checks run'."
            )
        frame = (
            pd.read_parquet(path)
            if path.suffix == ".parquet"
            else pd.read_csv(path, dtype="string")
        )
        return frame, None
    from ..checks.runner import run_checks

    inventory = inventory_for(args)
    return run_checks(inventory), inventory


def _print_plan(actions: Any) -> None:
    for row in actions.itertuples():
        print(f"{row.action_id} [{row.check_id}] {row.account_id}/{row.region} {row.resource_id}")
        print(f"    {row.cli}")
        print(f"    effect: {row.effect}  risk: {row.risk}")
