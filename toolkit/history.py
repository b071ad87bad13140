"""A history: every collection run kept, to see what changed and what was found over time.

A history is a directory holding ``history.json`` and one folder per run, named by the UTC time
it was recorded (``20261130T120000Z``; a second run in the same second gets ``-1``, ``-2``).
Each run is a partitioned snapshot (format 2, ``toolkit.snapshot``: a folder per table, a
Hive partition per account, so DuckDB reads a whole history without loading it) plus the
findings of that run as ``findings.parquet``: what was found at the time, with the checks and
mutes of the time, not what today's checks would say of old data.

``record(inv, dir)`` adds a run (``toolkit collect --history DIR``); ``History(dir).runs``
lists them (``toolkit history list DIR``), ``load(run)`` and ``latest`` give an Inventory,
``findings()`` every run's findings with a ``run`` column. A run is written whole or not at
all (``toolkit.files``); ``toolkit.sql.connect_history`` gives SQL over every run.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import SnapshotError, UsageError
from .files import atomic_write_text
from .snapshot import (
    MANIFEST,
    member,
    read_manifest,
    read_table,
    table_files,
    write_snapshot,
)

if TYPE_CHECKING:
    import duckdb

    from .changes import Diff
    from .inventory import Inventory

#: The file that marks a directory as a history.
HISTORY_FILE = "history.json"
HISTORY_FORMAT = 1
FINDINGS = "findings"
RUN_ID = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")
RUN_COLUMNS = {
    "run": "string",
    "collected_at": "datetime64[us, UTC]",
    "accounts": "int64",
    "tables": "int64",
    "rows": "int64",
    "failing": "int64",
}


class History:
    """The runs recorded in a history directory, oldest first."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory)
        if not (self.path / HISTORY_FILE).is_file():
            raise UsageError(
                f"{self.path} is not a history (no {HISTORY_FILE}); record one with "
                "'toolkit collect --history DIR'."
            )

    def __repr__(self) -> str:
        return f"<History {self.path} ({len(self.run_ids)} runs)>"

    @property
    def run_ids(self) -> list[str]:
        """The ids of the complete runs, oldest first."""
        found = [
            p.name for p in self.path.iterdir() if RUN_ID.match(p.name) and (p / MANIFEST).is_file()
        ]
        return sorted(found, key=_run_order)

    @property
    def runs(self) -> pd.DataFrame:
        """One row per run: its id, when it was collected, accounts, tables, rows and the
        FAIL findings it had (read from each run's manifest and findings' status only)."""
        rows = [self._summary(run) for run in self.run_ids]
        return pd.DataFrame(rows, columns=list(RUN_COLUMNS)).astype(RUN_COLUMNS)

    def run_path(self, run: str | int) -> Path:
        """The snapshot folder of ``run``: its id, or its position (``-1``: the latest)."""
        ids = self.run_ids
        if isinstance(run, int) and not isinstance(run, bool):
            if not ids or not -len(ids) <= run < len(ids):
                raise UsageError(f"{self.path} has {len(ids)} runs; there is no run {run}.")
            return self.path / ids[run]
        if run not in ids:
            raise UsageError(
                f"{self.path} has no run {run!r}; it has {', '.join(ids) or 'none'} "
                "('toolkit history list DIR' shows them)."
            )
        return self.path / str(run)

    def manifest(self, run: str | int) -> dict[str, Any]:
        """The manifest of one run's snapshot."""
        return self.manifest_of(self.run_path(run))

    def manifest_of(self, source: Path) -> dict[str, Any]:
        """The manifest of the run in folder ``source`` (a SnapshotError naming it)."""
        try:
            return read_manifest(source)
        except SnapshotError:
            raise
        except Exception as exc:
            raise SnapshotError(
                f"Run {source.name} of {self.path} is unreadable ({type(exc).__name__}); "
                "remove it or record again."
            ) from None

    def load(self, run: str | int = -1) -> Inventory:
        """The inventory of one run (by id or position; the latest by default)."""
        from .inventory import Inventory

        return Inventory.load(self.run_path(run))

    def table(self, name: str, run: str | int = -1) -> pd.DataFrame | None:
        """One table of one run (the latest by default), read alone; None if not collected."""
        return read_table(self.run_path(run), name)

    @property
    def latest(self) -> Inventory:
        """The inventory of the latest run."""
        return self.load(-1)

    def diff(self, old: str | int = -2, new: str | int = -1, **options: Any) -> Diff:
        """What changed between two runs (the last two by default), their findings those
        recorded with them (no check runs again); options are ``toolkit.changes.compare``'s."""
        from .changes import compare

        options.setdefault("old_findings", self.findings(old).drop(columns="run"))
        options.setdefault("new_findings", self.findings(new).drop(columns="run"))
        return compare(self.load(old), self.load(new), **options)

    def findings(self, run: str | int | None = None) -> pd.DataFrame:
        """The findings each run had when recorded, with ``run`` first (every run's, or one)."""
        chosen = self.run_ids if run is None else [self.run_path(run).name]  # ids, in order
        frames = []
        for ident in chosen:
            frame = self._read_findings(ident)
            frame.insert(0, "run", pd.Series([ident] * len(frame), dtype="string"))
            frames.append(frame)
        if not frames:
            return pd.DataFrame({"run": pd.Series(dtype="string")})
        from .checks.runner import with_severity_order

        return with_severity_order(pd.concat(frames, ignore_index=True))

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection over every run (``connect_history``)."""
        return connect_history(self)

    def sql(self, query: str) -> pd.DataFrame:
        """The answer to a DuckDB SQL query over every run: a view per table, ``findings``,
        ``errors`` (each with ``run``) and ``runs`` (``connect_history``)."""
        import duckdb

        connection = connect_history(self)
        try:
            return connection.sql(query).df()
        except duckdb.Error as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UsageError(f"The query failed: {message}") from None
        finally:
            connection.close()

    def findings_file(self, run: str | int) -> Path:
        """The ``findings.parquet`` of a run."""
        return self.findings_of(self.run_path(run))

    def findings_of(self, source: Path, manifest: dict[str, Any] | None = None) -> Path:
        """The findings file of the run in folder ``source`` (its manifest, if read already)."""
        manifest = self.manifest_of(source) if manifest is None else manifest
        extras = manifest.get("extras")
        entry = extras.get(FINDINGS) if isinstance(extras, dict) else None
        if not isinstance(entry, dict):
            raise SnapshotError(f"Run {source.name} of {self.path} holds no findings.")
        return member(source, entry.get("file"))

    def _read_findings(self, run: str) -> pd.DataFrame:
        try:
            return pd.read_parquet(self.findings_of(self.path / run))
        except SnapshotError:
            raise
        except Exception as exc:
            raise SnapshotError(
                f"The findings of run {run} in {self.path} are unreadable ({type(exc).__name__})."
            ) from None

    def _summary(self, run: str) -> dict[str, Any]:
        """A row of ``runs``; a run whose manifest or findings cannot be read is a
        SnapshotError naming it."""
        source = self.path / run
        manifest = self.manifest_of(source)
        try:
            meta = manifest.get("meta") or {}
            tables = dict(manifest.get("tables") or {})
            status = pd.read_parquet(self.findings_of(source, manifest), columns=["status"])
            return {
                "run": run,
                "collected_at": _collected_at(meta, run),
                "accounts": len(meta.get("accounts") or []),
                "tables": len(tables),
                "rows": sum(int(entry.get("rows", 0)) for entry in tables.values()),
                "failing": int((status["status"].astype("string") == "FAIL").sum()),
            }
        except SnapshotError:
            raise
        except Exception as exc:
            raise SnapshotError(
                f"Run {run} of {self.path} is unreadable ({type(exc).__name__}); "
                "remove it or record again."
            ) from None


def connect_history(source: History | str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection over every run of a history (a ``toolkit.history.History`` or its
    directory): one view per table (``s3_buckets``) with a ``run`` column first, ``findings``
    and ``errors`` the same way, and ``runs`` (``History.runs``). The views read the runs'
    Parquet files where they lie (Hive partitions, ``account_id`` as text): nothing is loaded
    into memory until a query asks. A run without a table, or with other columns (an older
    toolkit), adds what it has (``UNION ALL BY NAME``)."""
    import duckdb

    from .sql import ERRORS_VIEW, FINDINGS_VIEW, add_table, view_name

    history = source if isinstance(source, History) else History(source)
    connection = duckdb.connect()
    tables: dict[str, list[str]] = {}
    findings, errors = [], []
    for run in history.run_ids:
        path = history.path / run
        manifest = history.manifest_of(path)
        try:
            for name, entry in dict(manifest["tables"]).items():
                files = table_files(manifest, path, name)
                parts = [f for f, partition in files if partition] or [files[0][0]]
                hive = any(partition for _, partition in files)
                columns = ", ".join(_quoted(c) for c in dict(entry["dtypes"]))
                tables.setdefault(str(name), []).append(
                    f"SELECT {_literal(run)} AS run, {columns} FROM {_reader(parts, hive)}"
                )
            error_file = member(path, manifest["errors"]["file"])
        except SnapshotError:
            raise
        except Exception as exc:
            raise SnapshotError(
                f"Run {run} of {history.path} is unreadable ({type(exc).__name__}); "
                "remove it or record again."
            ) from None
        errors.append(f"SELECT {_literal(run)} AS run, * FROM {_reader([error_file])}")
        findings_file = history.findings_of(path, manifest)
        findings.append(f"SELECT {_literal(run)} AS run, * FROM {_reader([findings_file])}")
    views = {view_name(name): parts for name, parts in tables.items()}
    views.update({ERRORS_VIEW: errors, FINDINGS_VIEW: findings})
    for name, parts in views.items():
        if parts:
            body = " UNION ALL BY NAME ".join(parts)
            connection.execute(f"CREATE VIEW {_quoted(name)} AS {body}")
    add_table(connection, "runs", history.runs)
    return connection


def _reader(files: list[Any], hive: bool = False) -> str:
    """``read_parquet`` of the given files (as SQL), partitions read as text when ``hive``."""
    listed = ", ".join(_literal(str(f)) for f in files)
    options = (
        "hive_partitioning = true, hive_types = {'account_id': VARCHAR}"
        if hive
        else "hive_partitioning = false"
    )
    return f"read_parquet([{listed}], {options})"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quoted(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def record(
    inventory: Inventory,
    directory: str | os.PathLike[str],
    findings: pd.DataFrame | None = None,
    *,
    mutes: Any = None,
) -> str:
    """Add ``inventory`` as a new run of the history in ``directory`` (created if new or
    empty), with its findings (``run_checks`` with ``mutes`` unless given); the run's id."""
    target = Path(directory)
    check_history_target(target)
    if findings is None:
        from .checks.runner import run_checks

        findings = run_checks(inventory, mutes=mutes)
    if not (target / HISTORY_FILE).is_file():
        atomic_write_text(target / HISTORY_FILE, json.dumps({"format": HISTORY_FORMAT}) + "\n")
    from .checks.runner import findings_as_text

    run = _new_run_id(target)
    write_snapshot(
        inventory.read_through(),  # a loaded snapshot's tables read one at a time
        inventory.errors,
        inventory.meta,
        target / run,
        partitioned=True,
        extras={FINDINGS: findings_as_text(findings)},
    )
    return run


def check_history_target(directory: str | os.PathLike[str]) -> None:
    """Fail before collecting when ``directory`` can take no run: it exists and is neither a
    history nor an empty directory."""
    target = Path(directory)
    taken = target.exists() and not (target / HISTORY_FILE).is_file()
    if taken and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} exists and is not a history; choose an empty or new directory.")


def _new_run_id(target: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    run, n = stamp, 0
    while (target / run).exists():
        n += 1
        run = f"{stamp}-{n}"
    return run


def _run_order(run: str) -> tuple[str, int]:
    match = RUN_ID.match(run)
    assert match is not None
    return match.group(1), int(match.group(2) or 0)


def _collected_at(meta: Any, run: str) -> pd.Timestamp:
    """When the run's inventory was collected (its meta), else when it was recorded (its id)."""
    when = meta.get("finished") or meta.get("started") if isinstance(meta, dict) else None
    try:
        stamp = pd.Timestamp(when) if when else None
    except (TypeError, ValueError):
        stamp = None
    if stamp is None or pd.isna(stamp):
        return pd.Timestamp(datetime.strptime(_run_order(run)[0], "%Y%m%dT%H%M%SZ"), tz=UTC)
    return stamp.tz_localize(UTC) if stamp.tzinfo is None else stamp.tz_convert(UTC)
