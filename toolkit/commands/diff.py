"""``toolkit diff OLD NEW -o DIR``: what changed between two snapshots, written as a diff
(``toolkit.changes.Diff.save``) and summed up on the terminal.

Every input is read and checked before anything is computed or written: a mistake is one
sentence and exit status 2, and DIR is written whole or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UsageError


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit diff`` to the ``toolkit`` command's sub-parsers."""
    diff = subparsers.add_parser(
        "diff",
        help="what changed between two snapshots: rows added, removed, changed; findings moved",
        description="Compare two snapshots (written by 'toolkit collect -o'): rows added, "
        "removed and changed per table, and findings new, resolved, still failing, newly muted "
        "and unmuted. Writes changes, findings and tables as Parquet and CSV, and meta.json.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier snapshot directory")
    diff.add_argument("new", metavar="NEW", help="the later snapshot directory")
    diff.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="where to write the diff"
    )
    diff.add_argument(
        "--old-findings",
        metavar="FILE",
        help="findings of OLD as 'toolkit checks run -o' wrote them (default: run the checks)",
    )
    diff.add_argument(
        "--new-findings",
        metavar="FILE",
        help="findings of NEW as 'toolkit checks run -o' wrote them (default: run the checks)",
    )
    diff.add_argument(
        "--checks",
        metavar="ID|SERVICE,...",
        help="checks to run where no findings file is given (default: all)",
    )
    diff.add_argument(
        "--mutes", metavar="FILE", help="YAML file of accepted findings, for the checks run here"
    )
    diff.add_argument(
        "--activity",
        action="store_true",
        help="also compare activity columns (last used, last delivery, age), left out by default",
    )
    return diff


def run(args: argparse.Namespace) -> int:
    """Read both snapshots and any findings, compare, write the diff, print a summary."""
    from ..changes import Diff, compare, read_findings
    from ..checks import select
    from ..checks.mutes import load_mutes
    from ..checks.runner import run_checks
    from ..inventory import Inventory

    output = Path(args.output)
    not_diff = output.exists() and not (output / "meta.json").is_file()
    if not_diff and (not output.is_dir() or any(output.iterdir())):
        raise UsageError(f"{output} exists and is not a diff; choose an empty or new directory.")
    for option in ("mutes", "checks"):
        if getattr(args, option) and args.old_findings and args.new_findings:
            raise UsageError(
                f"--{option} applies to the checks this command runs, and with both "
                f"--old-findings and --new-findings it runs none; give it to 'toolkit checks run'."
            )
    select(args.checks)  # unknown names fail before anything is read
    old, new = Inventory.load(args.old), Inventory.load(args.new)
    old_findings = read_findings(args.old_findings) if args.old_findings else None
    new_findings = read_findings(args.new_findings) if args.new_findings else None
    mutes = load_mutes(args.mutes) if args.mutes else None
    if old_findings is None:
        old_findings = run_checks(old, args.checks, mutes)
    if new_findings is None:
        new_findings = run_checks(new, args.checks, mutes)
    diff: Diff = compare(
        old,
        new,
        old_findings=old_findings,
        new_findings=new_findings,
        activity=args.activity,
    )
    diff.save(output)
    print(summary_text(diff))
    print(f"\nDiff written to {output}")
    return 0


def summary_text(diff: Any) -> str:
    """The terminal's summary: tables and rows that changed, findings per kind of change."""
    from ..changes import FINDING_CHANGES

    changes = diff.changes
    rows = {kind: int((changes["change"] == kind).sum()) for kind in ("added", "removed")}
    changed = int(diff.summary()["changed"].sum()) if len(diff.summary()) else 0
    kinds = diff.findings["change"].value_counts()
    lines = [
        f"{len(diff.summary())} of {len(diff.tables)} tables changed: {rows['added']} rows "
        f"added, {rows['removed']} removed, {changed} changed",
        "findings: " + ", ".join(f"{int(kinds.get(kind, 0))} {kind}" for kind in FINDING_CHANGES),
    ]
    if len(diff.summary()):
        lines += ["", diff.summary().to_string(index=False)]
    return "\n".join(lines)
