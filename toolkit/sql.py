"""SQL over an inventory with DuckDB: one view per table, plus ``findings`` and ``errors``.

Each table is a view named like it with ``_`` for ``.`` (``s3.buckets`` is ``s3_buckets``);
``findings`` holds ``run_checks`` of the inventory and ``errors`` its ``inv.errors``. The
frames are copied into the connection's in-memory database (DuckDB reads pandas columns
without converting row by row), so that every cursor of the connection sees them: JupySQL
queries through a cursor, which does not see frames merely registered.

``connect(source)`` gives the DuckDB connection (``.sql(query).df()`` answers as a
DataFrame); ``query(source, sql)`` is the one-liner; ``magic(source)`` makes the same
connection JupySQL's current one, so ``%sql`` and ``%%sql`` cells query it.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import UsageError

if TYPE_CHECKING:
    import duckdb

    from .inventory import Inventory

#: Views every connection has besides the tables.
FINDINGS_VIEW = "findings"
ERRORS_VIEW = "errors"
_MENTIONS_FINDINGS = re.compile(r"\bfindings\b", re.IGNORECASE)


def view_name(table: str) -> str:
    """The SQL view of a table: ``s3.buckets`` -> ``s3_buckets``."""
    return table.replace(".", "_")


def connect(
    source: Inventory,
    *,
    findings: pd.DataFrame | bool = True,
    mutes: Any = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (in memory) with a view per table of ``source`` (an Inventory;
    ``Inventory.load(dir)`` reads a snapshot), ``errors``, and ``findings`` (``run_checks`` with ``mutes``; give a
    findings DataFrame to use it instead, or ``False`` to leave the view out)."""
    import duckdb

    inventory = source
    connection = duckdb.connect()
    frames = {view_name(name): inventory[name] for name in inventory.tables}
    frames[ERRORS_VIEW] = inventory.errors
    if findings is not False:
        if findings is True:
            from .checks.runner import run_checks

            findings = run_checks(inventory, mutes=mutes)
        frames[FINDINGS_VIEW] = _plain_findings(findings)
    for name, frame in frames.items():
        add_table(connection, name, frame)
    return connection


def add_table(connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Copy ``frame`` into ``connection`` as table ``name`` (replacing one there)."""
    connection.register("__frame", frame)
    try:
        connection.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM __frame')
    finally:
        connection.unregister("__frame")


def query(source: Inventory, sql: str, *, mutes: Any = None) -> pd.DataFrame:
    """The answer to ``sql`` over ``source`` as a DataFrame (findings are computed only when
    the query names them)."""
    import duckdb

    wants = bool(_MENTIONS_FINDINGS.search(sql))
    connection = connect(source, findings=wants, mutes=mutes)
    try:
        return connection.sql(sql).df()
    except duckdb.Error as exc:
        raise UsageError(f"The query failed: {_first_line(exc)}") from None
    finally:
        connection.close()


def magic(
    source: Inventory, *, alias: str = "toolkit", **options: Any
) -> duckdb.DuckDBPyConnection:
    """Load JupySQL in the running IPython and make ``connect(source)`` its current
    connection, so ``%sql SELECT ...`` and ``%%sql`` cells query the inventory."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise UsageError("toolkit.sql.magic needs a running IPython kernel (a notebook).")
    os.environ.setdefault("PLOOMBER_STATS_ENABLED", "false")  # no telemetry from JupySQL
    connection = connect(source, **options)
    shell.run_line_magic("load_ext", "sql")
    shell.run_line_magic("config", "SqlMagic.displaylimit = 50")
    from sql.connection import ConnectionManager

    ConnectionManager.set(connection, displaycon=False, alias=alias)
    return connection


def _plain_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with severity and status as text (DuckDB would make them ENUMs, which compare
    by position: ``severity = 'high'`` works either way, ``severity > 'low'`` would not)."""
    return findings.astype({c: "string" for c in ("severity", "status") if c in findings})


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
