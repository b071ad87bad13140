"""``toolkit checks list`` and ``toolkit checks run``: the catalogue, and findings written to a
CSV or Parquet file, or with ``--format`` in several formats at once into a folder
(``toolkit.exports``), from a snapshot, the demo estate or live AWS."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ._options import add_aws_options, inventory_for


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit checks`` and its actions to the ``toolkit`` command's sub-parsers."""
    checks = subparsers.add_parser(
        "checks",
        help="list the security checks, or run them over an inventory",
        description="The security checks: their catalogue, and findings from an inventory.",
    )
    actions = checks.add_subparsers(dest="checks_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="print the check catalogue")
    listing.add_argument("--service", help="only this service's checks")
    running = actions.add_parser(
        "run",
        help="run the checks and write findings (CSV or Parquet by the extension, or --format)",
        description="Run the checks over a snapshot, the demo estate or live AWS; write findings.",
    )
    add_aws_options(running)
    running.add_argument(
        "--snapshot", metavar="DIR", help="a snapshot written by 'toolkit collect'"
    )
    running.add_argument("--checks", metavar="ID|SERVICE,...", help="checks to run (default: all)")
    running.add_argument("--mutes", metavar="FILE", help="YAML file of accepted findings")
    running.add_argument(
        "--skip-unused",
        action="store_true",
        help="leave out findings on resources nothing uses (default VPCs, security groups and "
        "network ACLs no network interface is in); without it their detail says 'unused'",
    )
    running.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        required=True,
        help="findings.csv or .parquet; with --format, the folder the files go into",
    )
    running.add_argument(
        "--format",
        metavar="FORMAT,...",
        help="write these formats into the -o folder, one file each: csv, parquet, ocsf "
        "(OCSF Detection Findings), asff (Security Hub), junit (CI test report)",
    )
    running.add_argument("--no-progress", action="store_true", help="no progress bar")
    return checks


def run(args: argparse.Namespace) -> int:
    """Print the catalogue, or run the checks and write the findings."""
    from ..checks import select
    from ..plugins import load_plugins

    load_plugins()  # plugin checks are listed and run with the built-in ones
    if args.checks_command == "list":
        entries = [c for c in select() if not args.service or c.service == args.service]
        if not entries:
            raise UsageError(f"No check for service {args.service!r}; run 'toolkit checks list'.")
        print(f"{'check_id':52} {'severity':13} {'service':14} frameworks")
        for entry in sorted(entries, key=lambda c: (c.service, c.check_id)):
            print(
                f"{entry.check_id:52} {entry.severity:13} {entry.service:14} {entry.framework_text}"
            )
        print(f"\n{len(entries)} checks")
        return 0
    from ..checks.mutes import load_mutes
    from ..checks.runner import run_checks

    output = Path(args.output)
    formats = _formats(args.format, output)
    mutes = load_mutes(args.mutes) if args.mutes else None
    select(args.checks)  # unknown names fail before any collection
    inventory = inventory_for(args)
    findings = run_checks(inventory, args.checks, mutes, skip_unused=args.skip_unused)
    if formats:
        from ..exports import export

        written = list(export(findings, formats, output, inventory).values())
    else:
        write_findings(findings, output)
        written = [output]
    counts = (
        findings.pivot_table(
            index="severity", columns="status", values="check_id", aggfunc="count", observed=False
        )
        .fillna(0)
        .astype(int)
    )
    print(counts.sort_index(ascending=False).to_string())
    for mute in findings.attrs.get("expired_mutes", []):
        print(
            f"expired mute (no longer applied): {mute['check']} {mute['resource']} ({mute['expires']})"
        )
    print(f"\n{len(findings)} findings written to {', '.join(map(str, written))}")
    return 0


def _formats(chosen: str | None, output: Path) -> list[str]:
    """The formats asked for (none: one file, by its extension), checked before any work."""
    if chosen is None:
        if output.suffix not in (".csv", ".parquet"):
            raise UsageError(f"Cannot write findings to {output}; name a .csv or .parquet file.")
        return []
    from ..exports import parse_formats

    formats = parse_formats(chosen)
    if output.exists() and not output.is_dir():
        raise UsageError(f"With --format, -o names a folder; {output} is a file.")
    return formats


def write_findings(findings: Any, output: Path) -> None:
    """CSV or Parquet by the extension, whole or not at all, readable by its owner only."""
    from ..exports.tabular import write_csv, write_parquet

    (write_csv if output.suffix == ".csv" else write_parquet)(findings, output)
