"""``toolkit sql``: a DuckDB SQL query over a snapshot, the demo estate or live AWS, printed as
a table or written to CSV or Parquet; ``--tables`` lists the views and their row counts.

The connection is ``toolkit.sql.connect``'s (one view per table, ``errors``, ``findings``);
findings are computed only when the query names them. Collecting (``--demo`` or AWS) reads only
the tables the query names, unless it names ``findings``, which need every table.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ._options import add_aws_options, inventory_for

#: Widest a printed cell gets (policy documents run to kilobytes); ``-o`` writes them whole.
MAX_COLUMN_WIDTH = 60
OUTPUT_SUFFIXES = (".csv", ".parquet")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit sql`` to the ``toolkit`` command's sub-parsers."""
    sql = subparsers.add_parser(
        "sql",
        help="answer a SQL query (DuckDB) over an inventory: one view per table, findings, errors",
        description=(
            "Answer a DuckDB SQL query over a snapshot, the demo estate or live AWS. Each table "
            "is a view named like it with _ for . (s3.buckets is s3_buckets); 'findings' holds "
            "the checks' findings and 'errors' what could not be read. Example: toolkit sql "
            '--snapshot DIR "SELECT account_id, count(*) FROM s3_buckets GROUP BY 1"'
        ),
    )
    sql.add_argument(
        "query", nargs="?", metavar="QUERY", help="the SQL query; '-' reads it from stdin"
    )
    add_aws_options(sql)
    sql.add_argument("--snapshot", metavar="DIR", help="a snapshot written by 'toolkit collect'")
    sql.add_argument(
        "--history",
        metavar="DIR",
        help="every run of a history ('toolkit collect --history DIR'): each view has a run column",
    )
    sql.add_argument(
        "--tables", action="store_true", help="list the views, their tables and row counts"
    )
    sql.add_argument(
        "--mutes", metavar="FILE", help="YAML file of accepted findings (the findings view)"
    )
    sql.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the answer to a .csv or .parquet file instead of printing it",
    )
    sql.add_argument("--no-progress", action="store_true", help="no progress bar")
    return sql


def run(args: argparse.Namespace) -> int:
    """Answer the query (or list the views) and print or write the answer."""
    query = _query_text(args)
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix not in OUTPUT_SUFFIXES:
        raise UsageError(f"Cannot write the answer to {output}; name a .csv or .parquet file.")
    frame = _over_history(args, query) if args.history else _over_inventory(args, query)
    if output is not None:
        write_answer(frame, output)
        print(f"{_count(len(frame), 'row')} written to {output}")
        return 0
    print(readable(frame))
    print(f"\n{_count(len(frame), 'view' if args.tables else 'row')}")
    return 0


def _over_inventory(args: argparse.Namespace, query: str) -> Any:
    """The answer (or the view listing) over a snapshot, the demo or AWS."""
    from .. import sql

    mutes = _mutes(args.mutes)
    wants_findings = sql.mentions_findings(query)
    inventory = inventory_for(
        args, None if args.tables else _tables_to_collect(args, query, wants_findings)
    )
    connection = sql.connect(inventory, findings=wants_findings, mutes=mutes)
    try:
        if args.tables:
            return _listing(sql.views(connection))
        return sql.answer(connection, query, hint=_hint(args))
    finally:
        connection.close()


def _over_history(args: argparse.Namespace, query: str) -> Any:
    """The answer (or the view listing) over every run of a history; its findings are those
    each run recorded, so --mutes does not apply."""
    import pandas as pd

    from .. import sql
    from ..history import History

    options = ("snapshot", "demo", "mutes", "profile", "endpoint_url", "regions", "accounts")
    given = [o for o in options if getattr(args, o, None)]
    if given:
        raise UsageError(
            f"--history reads its runs as recorded; give no --{given[0].replace('_', '-')} with it."
        )
    connection = History(args.history).connect()
    try:
        if args.tables:
            names = connection.sql(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal "
                "UNION SELECT table_name FROM duckdb_tables() ORDER BY 1"
            ).fetchall()
            rows = [
                (name, connection.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0])
                for (name,) in names
            ]
            return pd.DataFrame(rows, columns=["view", "rows"]).astype({"rows": "Int64"})
        return sql.answer(connection, query, hint=_hint(args))
    finally:
        connection.close()


def readable(frame: Any) -> str:
    """The answer as a plain-text table: columns aligned, no index, long cells cut."""
    if frame.columns.empty:
        return "(no columns)"
    if frame.empty:
        return "  ".join(str(column) for column in frame.columns)
    return frame.to_string(index=False, max_colwidth=MAX_COLUMN_WIDTH)


def write_answer(frame: Any, output: Path) -> None:
    """CSV or Parquet by the extension, whole or not at all, readable by its owner only."""
    from ..files import atomic_write_bytes, atomic_write_text

    if output.suffix == ".csv":
        atomic_write_text(output, frame.to_csv(index=False))
    else:
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        atomic_write_bytes(output, buffer.getvalue())


def _listing(views: Any) -> Any:
    """The views, and ``findings``, whose rows are only known once a query runs the checks."""
    import pandas as pd

    findings = pd.DataFrame(
        [{"view": "findings", "table": "run_checks (when a query names it)", "rows": pd.NA}]
    )
    listing = pd.concat([views, findings], ignore_index=True)
    return listing.astype({"rows": "Int64", "columns": "Int64"})


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _query_text(args: argparse.Namespace) -> str:
    """The query from the command line or stdin; one of it or --tables is needed."""
    if args.tables:
        if args.query:
            raise UsageError("Give either a query or --tables, not both.")
        return ""
    if args.query == "-":
        args.query = sys.stdin.read()
    if not args.query or not args.query.strip():
        raise UsageError(
            'Give a SQL query, e.g. toolkit sql --snapshot DIR "SELECT * FROM s3_buckets", '
            "or --tables to list the views."
        )
    return args.query


def _tables_to_collect(
    args: argparse.Namespace, query: str, wants_findings: bool
) -> list[str] | None:
    """None for a snapshot (read whole) or a query that needs every table; else the tables
    the query names (collecting the rest would only cost calls)."""
    if args.snapshot or wants_findings:
        return None
    from ..collectors import select_tables
    from ..sql import tables_named

    return tables_named(query, [entry.name for entry in select_tables()]) or None


def _mutes(path: str | None) -> Any:
    if not path:
        return None
    from ..checks.mutes import load_mutes

    return load_mutes(path)


def _hint(args: argparse.Namespace) -> str:
    """How to see the views, said with the source the user gave."""
    if args.history:
        source = f"--history {args.history}"
    elif args.snapshot:
        source = f"--snapshot {args.snapshot}"
    elif args.demo:
        source = "--demo"
    else:
        source = "with the same options"
    return f"'toolkit sql {source} --tables' lists the views; \"DESCRIBE view\" its columns"
