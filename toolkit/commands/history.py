"""``toolkit history``: the runs a history directory holds (``toolkit collect --history DIR``)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit history`` to the ``toolkit`` command's sub-parsers."""
    history = subparsers.add_parser(
        "history",
        help="list the runs kept in a history directory",
        description="A history keeps every 'toolkit collect --history DIR' run as a snapshot "
        "partitioned by table and account, with the findings it had.",
    )
    actions = history.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="one line per run: when, accounts, tables, rows, failing findings"
    )
    listing.add_argument("directory", metavar="DIR", help="the history directory")
    return history


def run(args: argparse.Namespace) -> int:
    """Print the runs, oldest first."""
    from ..history import History

    history = History(args.directory)
    runs = history.runs
    if runs.empty:
        print(f"{history.path} holds no run yet.")
        return 0
    shown = runs.assign(collected_at=runs["collected_at"].dt.strftime("%Y-%m-%d %H:%M:%S UTC"))
    print(shown.to_string(index=False))
    print(f"\n{len(runs)} runs in {history.path}")
    return 0
