"""SQL over an inventory with DuckDB: one view per table, plus ``findings`` and ``errors``.

Each table is a view named like it with ``_`` for ``.`` (``s3.buckets`` is ``s3_buckets``);
``findings`` holds ``run_checks`` of the inventory and ``errors`` its ``inv.errors``. The
frames are copied into the connection's in-memory database (DuckDB reads pandas columns
without converting row by row), so that every cursor of the connection sees them: JupySQL
queries through a cursor, which does not see frames merely registered.

``connect(source)`` gives the DuckDB connection (``.sql(query).df()`` answers as a
DataFrame); ``query(source, sql)`` is the one-liner; ``answer(connection, sql)`` runs a query
on a connection with a user's mistake said in one sentence; ``views(connection)`` lists the
views with their tables and row counts; ``magic(source)`` makes the same connection JupySQL's
current one, so ``%sql`` and ``%%sql`` cells query it. Timestamps answer in UTC, whatever the
machine's time zone. ``toolkit sql`` (``toolkit/commands/sql.py``) is the command line of it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
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
#: What a failed query's sentence suggests, from Python.
VIEWS_HINT = (
    "toolkit.sql.views(connection) lists the views, inv.sql('describe VIEW') a view's columns"
)


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
    connection.execute("SET TimeZone = 'UTC'")  # answers in UTC, like the inventory's columns
    frames = {view_name(name): (name, inventory[name]) for name in inventory.tables}
    frames[ERRORS_VIEW] = ("inv.errors", inventory.errors)
    if findings is not False:
        from .checks.runner import findings_as_text, run_checks

        if findings is True:
            findings = run_checks(inventory, mutes=mutes)
        frames[FINDINGS_VIEW] = ("run_checks", findings_as_text(findings))
    for name, (origin, frame) in frames.items():
        add_table(connection, name, frame, origin=origin)
    return connection


def add_table(
    connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame, *, origin: str = ""
) -> None:
    """Copy ``frame`` into ``connection`` as table ``name`` (replacing one there); ``origin``
    (the inventory table it comes from) is kept as its comment, for ``views``."""
    connection.register("__frame", frame)
    try:
        connection.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM __frame')
    finally:
        connection.unregister("__frame")
    if origin:
        quoted = origin.replace("'", "''")
        connection.execute(f"COMMENT ON TABLE \"{name}\" IS '{quoted}'")


def views(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The connection's views: ``view``, the ``table`` it holds, ``rows`` and ``columns``."""
    listed = connection.sql(
        "SELECT table_name, coalesce(comment, ''), column_count FROM duckdb_tables() "
        "WHERE database_name = current_database() ORDER BY table_name"
    ).fetchall()
    rows = [
        (
            name,
            origin,
            connection.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0],
            columns,
        )
        for name, origin, columns in listed
    ]
    return pd.DataFrame(rows, columns=["view", "table", "rows", "columns"])


def mentions_findings(sql: str) -> bool:
    """Whether ``sql`` names the findings view (only then are the checks worth running)."""
    return bool(_MENTIONS_FINDINGS.search(sql))


def tables_named(sql: str, tables: Iterable[str]) -> list[str]:
    """The ``tables`` whose view ``sql`` names: what a query needs collected, no more."""
    words = {word.lower() for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql)}
    return [table for table in tables if view_name(table).lower() in words]


def answer(
    connection: duckdb.DuckDBPyConnection, sql: str, *, hint: str = VIEWS_HINT
) -> pd.DataFrame:
    """The answer to ``sql`` on ``connection`` as a DataFrame (empty for a statement that
    answers nothing); a query DuckDB refuses is a UsageError naming its message and ``hint``."""
    import duckdb

    try:
        relation = connection.sql(sql)
        return relation.df() if relation is not None else pd.DataFrame()
    except duckdb.Error as exc:
        raise UsageError(f"DuckDB could not run the query: {_message(exc)} ({hint}).") from None


def query(source: Inventory, sql: str, *, mutes: Any = None) -> pd.DataFrame:
    """The answer to ``sql`` over ``source`` as a DataFrame (findings are computed only when
    the query names them)."""
    connection = connect(source, findings=mentions_findings(sql), mutes=mutes)
    try:
        return answer(connection, sql)
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
    # JupySQL 0.11 sends no usage statistics; its ploomber-core would, unless this says no.
    os.environ.setdefault("PLOOMBER_STATS_ENABLED", "false")
    connection = connect(source, **options)
    from IPython.utils.capture import capture_output

    # Loading, JupySQL looks for its settings in a pyproject.toml above the working directory
    # and reports what it found (or that it lacks the toml package): noise in a notebook.
    with capture_output():
        shell.run_line_magic("load_ext", "sql")
    shell.run_line_magic("config", "SqlMagic.displaylimit = 50")
    shell.run_line_magic("config", "SqlMagic.displaycon = False")  # one connection: say nothing
    from sql.connection import ConnectionManager

    ConnectionManager.set(connection, displaycon=False, alias=alias)
    return connection


def _message(exc: BaseException) -> str:
    """DuckDB's message without the query excerpt it quotes (``LINE 1: ...`` and a caret
    line): the kind of error, what is wrong, and its "Did you mean" suggestion."""
    lines = []
    for line in str(exc).strip().splitlines():
        if line.startswith("LINE "):
            break
        lines.append(line.strip().rstrip(".!"))
    return "; ".join(line for line in lines if line) or type(exc).__name__
