"""Inventory: named DataFrames, the errors met while collecting them, and the run's metadata.

Snapshots are plain Parquet (pyarrow), one ``<table>.parquet`` per table plus ``errors.parquet``
and ``manifest.json``, so DuckDB, Spark or Dask read them as they are (or, partitioned, a
folder of account partitions per table: ``toolkit.snapshot`` reads and writes both). A snapshot is written to a
temporary directory beside the target (readable by its owner only, as is every file in it)
and renamed into place: a directory that exists is complete, and a snapshot it replaces stays
whole until the new one is in place. Loading casts every column back to its declared dtype, so
a round trip is exact; a snapshot that is unreadable, corrupt, from another format or naming
files outside itself is a ``SnapshotError``, whatever its bytes. Loading is lazy, so that an
organization's snapshot costs memory only for the tables used: the manifest and errors are
read at once, a table when it is first asked (a table's damaged files are a ``SnapshotError``
then), and kept.

``errors`` has one row per (table, account, region) that could not be read, and one row per
failure that stopped everything of an account, a region or an endpoint (``table`` ``"*"``;
``account_id``, ``region`` and ``service`` are ``"*"`` where every one is concerned).
``gaps(tables)`` gives the rows that leave given tables unread, both kinds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import UsageError
from .snapshot import ERRORS_FILE, MANIFEST, SNAPSHOT_FORMAT

if TYPE_CHECKING:
    from .changes import Diff
    from .snapshot import SnapshotTables

__all__ = [
    "ERRORS_FILE",
    "ERROR_COLUMNS",
    "MANIFEST",
    "SNAPSHOT_FORMAT",
    "Inventory",
    "as_inventory",
    "diff",
]
ERROR_COLUMNS = {
    "account_id": "string",
    "region": "string",
    "table": "string",
    "service": "string",
    "error_code": "string",
    "message": "string",
}


class Inventory(Mapping[str, pd.DataFrame]):
    """What a collection run found: ``inv["s3.buckets"]``, ``inv.tables``, ``inv.errors``."""

    def __init__(
        self,
        frames: Mapping[str, pd.DataFrame],
        errors: pd.DataFrame | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        from .collectors.base import conform

        #: The tables in memory; a loaded snapshot's others are read from ``_source`` when asked.
        self._frames = dict(frames)
        self._names = list(self._frames)
        self._source: SnapshotTables | None = None
        self.errors = conform(
            errors if errors is not None else pd.DataFrame(columns=list(ERROR_COLUMNS)),
            ERROR_COLUMNS,
        )
        self.meta = dict(meta or {})

    # -- mapping ---------------------------------------------------------------------------
    def __getitem__(self, name: str) -> pd.DataFrame:
        frame = self._frames.get(name)
        if frame is not None:
            return frame
        if self._source is not None and name in self._source:
            frame = self._frames[name] = self._source[name]  # read once, kept
            return frame
        raise KeyError(
            f"No table {name!r} in this inventory; it holds {', '.join(self._names) or 'none'}."
        )

    def __contains__(self, name: object) -> bool:
        return name in self._frames or (self._source is not None and name in self._source)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    @property
    def tables(self) -> list[str]:
        return list(self._names)

    @property
    def in_memory(self) -> list[str]:
        """The tables read so far (all of them unless loaded from a snapshot)."""
        return [name for name in self._names if name in self._frames]

    def read_through(self) -> Mapping[str, pd.DataFrame]:
        """Every table as a mapping that reads a table not yet in memory when asked, without
        keeping it: for writing a loaded snapshot elsewhere one table at a time."""
        return _ReadThrough(self)

    def rows(self, name: str) -> int:
        """Rows of table ``name``, without reading it when its snapshot says."""
        if name in self._frames or self._source is None:
            return len(self[name])
        return self._source.rows(name)

    def accounts(self, name: str) -> int:
        """Distinct accounts in table ``name`` (read as little of it as its snapshot allows)."""
        if name in self._frames or self._source is None:
            frame = self[name]
            return int(frame["account_id"].nunique()) if "account_id" in frame else 0
        return self._source.accounts(name)

    def gaps(self, tables: Iterable[str]) -> pd.DataFrame:
        """The rows of ``errors`` that leave any of ``tables`` unread.

        Rows that name one of the tables, and rows of a failure that stopped a whole account,
        region or endpoint (``table`` ``"*"``) where that reaches one of them; in those, ``table``
        names the tables reached. An account that cannot be entered reaches its global and
        regional tables, a region not enabled its regional tables, an endpoint its service's.
        """
        from .collectors.base import REGISTRY

        wanted = list(dict.fromkeys(tables))
        errors = self.errors
        rows = errors[errors["table"].isin(wanted)]
        wide = []
        for row in errors[errors["table"] == "*"].to_dict("records"):
            reached = [t for t in wanted if _reaches(row, t, REGISTRY.get(t))]
            if reached:
                wide.append({**row, "table": ", ".join(reached)})
        if not wide:
            return rows.reset_index(drop=True)
        from .collectors.base import conform

        extra = conform(pd.DataFrame.from_records(wide, columns=list(ERROR_COLUMNS)), ERROR_COLUMNS)
        return pd.concat([rows, extra], ignore_index=True)

    def summary(self) -> pd.DataFrame:
        """Rows and accounts per table, and errors per table (those of a whole account, region
        or endpoint counted for each table they reach)."""
        return pd.DataFrame(
            [
                {
                    "table": name,
                    "rows": self.rows(name),
                    "accounts": self.accounts(name),
                    "errors": len(self.gaps([name])) if len(self.errors) else 0,
                }
                for name in self._names
            ],
            columns=["table", "rows", "accounts", "errors"],
        )

    def diff(self, other: Inventory | str | os.PathLike[str], **options: Any) -> Diff:
        """What changed from this inventory to ``other``: ``toolkit.diff(self, other)``."""
        from .changes import compare

        return compare(self, as_inventory(other), **options)

    def sql(self, query: str) -> pd.DataFrame:
        """The answer to a DuckDB SQL query over this inventory: one view per table named like
        it (``s3_buckets``), plus ``errors`` and ``findings`` (``toolkit.sql``)."""
        from .sql import query as run_query

        return run_query(self, query)

    def _repr_html_(self) -> str:
        meta = self.meta
        head = (
            f"<p><b>Inventory</b>: {len(self)} tables, "
            f"{sum(self.rows(name) for name in self._names)} rows, "
            f"{len(meta.get('accounts', []))} accounts, {len(meta.get('regions', []))} regions, "
            f"{len(self.errors)} errors, {meta.get('api_calls_total', '?')} API calls, "
            f"{meta.get('seconds', '?')} s</p>"
        )
        errors = ""
        if len(self.errors):
            errors = "<p><b>Errors</b> (not collected)</p>" + self.errors.to_html(index=False)
        return head + self.summary().to_html(index=False) + errors

    def __repr__(self) -> str:
        return (
            f"<Inventory {len(self)} tables, "
            f"{sum(self.rows(name) for name in self._names)} rows, {len(self.errors)} errors>"
        )

    # -- snapshots -------------------------------------------------------------------------
    def save(self, directory: str | os.PathLike[str], *, partitioned: bool = False) -> Path:
        """Write the snapshot atomically; an existing snapshot there is replaced whole.
        ``partitioned``: format 2, each table a folder of account partitions
        (``toolkit.snapshot``), as a history records it; the default is format 1. A loaded
        inventory's tables not yet read are read one at a time and not kept."""
        from .snapshot import SnapshotTables, write_snapshot

        target = Path(directory)
        own = self._source is not None and _same_place(self._source.source, target)
        path = write_snapshot(
            self.read_through(), self.errors, self.meta, target, partitioned=partitioned
        )
        if own:  # written over its own snapshot: read the rest from the new one
            self._source = SnapshotTables(path)
        return path

    @classmethod
    def load(cls, directory: str | os.PathLike[str], *, lazy: bool = True) -> Inventory:
        """Read a snapshot written by ``save`` or ``collect(..., to=DIR)`` (either format),
        with identical frames and dtypes (a partitioned one keeps the order of rows within
        each account). ``lazy``: the manifest and errors now, each table from Parquet when
        first asked (``inv[name]``), then kept; ``lazy=False`` reads every table now."""
        from .snapshot import SnapshotTables

        tables = SnapshotTables(directory)
        if not lazy:
            return cls({name: tables[name] for name in tables}, tables.read_errors(), tables.meta)
        inventory = cls({}, tables.read_errors(), tables.meta)
        inventory._source, inventory._names = tables, list(tables)
        return inventory


class _ReadThrough(Mapping[str, pd.DataFrame]):
    """An inventory's tables, read (not kept) when not already in memory."""

    def __init__(self, inventory: Inventory) -> None:
        self._inventory = inventory

    def __getitem__(self, name: str) -> pd.DataFrame:
        inventory = self._inventory
        if name in inventory._frames or inventory._source is None:
            return inventory[name]
        if name not in inventory._source:
            raise KeyError(name)
        return inventory._source[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._inventory)

    def __len__(self) -> int:
        return len(self._inventory)


def _same_place(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def as_inventory(source: Inventory | str | os.PathLike[str]) -> Inventory:
    """``source`` itself, or the snapshot it names read with ``Inventory.load``."""
    if isinstance(source, Inventory):
        return source
    if isinstance(source, (str, os.PathLike)):
        return Inventory.load(source)
    raise UsageError(
        f"Expected an Inventory or a snapshot directory, not a {type(source).__name__}."
    )


def diff(
    old: Inventory | str | os.PathLike[str],
    new: Inventory | str | os.PathLike[str],
    **options: Any,
) -> Diff:
    """What changed from ``old`` to ``new`` (Inventories or snapshot directories): rows added,
    removed and changed per table, and findings new, resolved, still failing and newly muted.
    Options are those of ``toolkit.changes.compare``."""
    return as_inventory(old).diff(new, **options)


def _reaches(row: Mapping[str, Any], name: str, table: Any) -> bool:
    """Whether an errors row of a whole account, region or endpoint reaches table ``name``."""
    where = table.where if table is not None else "regional"
    if row["service"] != "*":  # an endpoint: its service's tables, wherever they are read
        return row["service"] == name.split(".", 1)[0]
    if row["account_id"] == "*":  # nothing answered
        return True
    if (
        row["region"] == "*"
    ):  # an account: all it reads itself (the organization's are the caller's)
        return where != "organization"
    return where == "regional"  # a region not enabled
