"""``toolkit collect``: collect the inventory into a snapshot directory (Parquet)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ._options import add_aws_options, add_worker_options, scope_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit collect`` to the ``toolkit`` command's sub-parsers."""
    collect = subparsers.add_parser(
        "collect",
        help="collect the inventory into a snapshot directory",
        description="Collect inventory tables across accounts and regions and save a snapshot (Parquet).",
    )
    add_aws_options(collect)
    add_worker_options(collect)
    collect.add_argument("--services", metavar="S,...", help="services to collect (default: all)")
    collect.add_argument(
        "--tables", metavar="T,...", help="tables to collect, e.g. s3.buckets (default: all)"
    )
    collect.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="snapshot directory to write (Parquet partitioned by table and account, written "
        "as the collection goes)",
    )
    collect.add_argument(
        "--history",
        metavar="DIR",
        help="also keep this run in a history directory (see 'toolkit history list DIR')",
    )
    collect.add_argument("--no-progress", action="store_true", help="no progress bar")
    collect.add_argument(
        "--max-age",
        metavar="AGE",
        help="reuse a cached snapshot of the same scope younger than AGE (600, 10m, 2h)",
    )
    collect.add_argument("--list-tables", action="store_true", help="list the tables and exit")
    return collect


def run(args: argparse.Namespace) -> int:
    """Collect and save; print the tables, the totals and every part not collected."""
    from ..collectors import select_tables

    if args.list_tables:
        for entry in select_tables():  # every table, plugins' included
            print(
                f"{entry.name:45} {entry.where:13} {entry.doc.splitlines()[0] if entry.doc else ''}"
            )
        return 0
    if not args.output and not args.history:
        raise UsageError("Say where to write the snapshot with -o DIR (or --history DIR).")
    select_tables(args.services, args.tables)  # unknown names fail before any network call
    if args.output:
        check_snapshot_target(args.output)  # and a directory that cannot take it, too
    if args.history:
        from ..history import check_history_target

        check_history_target(args.history)
    from ..sources import open_inventory

    inventory = open_inventory(
        demo=args.demo,
        services=args.services,
        tables=args.tables,
        progress=not args.no_progress,
        max_age=args.max_age,
        announce=True,
        to=args.output,
        workers=args.workers,
        scheduler=args.scheduler,
        **scope_options(args),
    )
    path = Path(args.output) if args.output else None
    meta = inventory.meta
    summary = inventory.summary()
    print(summary.to_string(index=False))
    print(
        f"\n{len(inventory.tables)} tables, {int(summary['rows'].sum())} rows, "
        f"{len(inventory.errors)} errors, {meta.get('api_calls_total', 0)} API calls "
        f"({meta.get('retries', 0)} retries), {len(meta.get('accounts', []))} accounts, "
        f"{len(meta.get('regions', []))} regions, {meta.get('seconds', 0):.1f} s"
    )
    if len(inventory.errors):
        print("\nNot collected:")
        for row in inventory.errors.itertuples():
            print(f"  {unit_text(row)}: {row.error_code}: {row.message}")
    if path is not None:
        print(f"\nSnapshot written to {path}")
    if args.history:
        from ..history import record

        print(f"Run {record(inventory, args.history)} recorded in {args.history}")
    return 0


def check_snapshot_target(directory: str) -> None:
    """Fail before collecting when the snapshot could not be written there."""
    from ..inventory import MANIFEST

    target = Path(directory)
    if (
        target.exists()
        and not (target / MANIFEST).is_file()
        and (not target.is_dir() or any(target.iterdir()))
    ):
        raise UsageError(
            f"{target} exists and is not a snapshot; choose an empty or new directory."
        )


def unit_text(row: Any) -> str:
    """What an errors row did not read, in words ("*": every one)."""
    if row.table != "*":
        return f"{row.table} in {row.account_id}/{row.region}"
    if row.service != "*":
        return f"every {row.service} table in {row.region} (every account)"
    if row.account_id == "*":
        return "everything"
    if row.region == "*":
        return f"every table of account {row.account_id}"
    return f"every table of account {row.account_id} in {row.region}"
