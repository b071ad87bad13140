"""Partitioned snapshots written while collecting, and several of them merged into one.

``collect(scope, to=DIR)`` hands each (table, account) to a ``PartitionWriter`` as soon as
that account's units of the table are done; the writer puts it on disk as that account's
Hive partition (``<table>/account_id=<id>/part-0.parquet``, format 2 of ``toolkit.snapshot``)
and keeps only the manifest entry, so memory holds one account's rows of a table at a time,
not the estate. Everything goes into a staging directory beside DIR; ``finish`` adds
``errors.parquet`` and ``manifest.json`` (the shape ``toolkit.snapshot`` writes, so
``Inventory.load`` and a history read it) and swaps the staging directory into place
(``toolkit.files``). A run that fails or is cancelled removes its staging directory: DIR is
the old snapshot or the new one, never half of one.

``merge_partitioned(sources, dest)`` joins format-2 snapshots of disjoint accounts (the
shards a distributed collection writes) into one, by hard link where it can, by copy where not.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import UsageError
from .files import owner_only_dirs, replace_directory
from .snapshot import (
    PART_FILE,
    PARTITION,
    PARTITIONED_FORMAT,
    SnapshotTables,
    arrow_without_partition,
    check_target,
    frame_dtypes,
    member,
    partition_folder,
    write_manifest,
    write_parquet,
    write_partition,
)


class PartitionWriter:
    """A format-2 snapshot filled one (table, account) at a time, put in place by ``finish``.

    Use it as a context manager (or call ``abort``) so that a failed run leaves nothing:
    ``with PartitionWriter(dir) as writer: ...; writer.finish(...)``."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.target = Path(directory)
        check_target(self.target)  # before any collection: a directory that cannot take it
        self.target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.staging = Path(
            tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self.target.parent)
        )
        os.chmod(self.staging, 0o700)
        #: Per table, the manifest entries of the partitions written so far.
        self.files: dict[str, list[dict[str, Any]]] = {}

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(self, kind: Any, *_: Any) -> None:
        if kind is not None:
            self.abort()

    def write(self, name: str, account: str, frame: pd.DataFrame) -> None:
        """Write the rows read from ``account`` for table ``name`` (every unit of it done) as
        its partition; an account with no rows writes nothing. Rows whose ``account_id`` names
        another account (a table that says so itself) go to that account's partition."""
        if frame.empty:
            return
        if PARTITION not in frame.columns:
            raise ValueError(f"table {name} has no {PARTITION} column to partition by")
        column = frame[PARTITION].astype("object")
        if (column == account).all():  # every built-in table: the rows of the account read
            self._add(name, account, frame)
            return
        for value, positions in column.groupby(column, sort=False, dropna=False).indices.items():
            self._add(name, None if pd.isna(value) else str(value), frame.iloc[positions])

    def _add(self, name: str, account: str | None, frame: pd.DataFrame) -> None:
        listed = self.files.setdefault(name, [])
        part = sum(1 for f in listed if f[PARTITION] == account)
        table = arrow_without_partition(frame)
        listed.append(write_partition(table, self.staging, name, account, part))

    def finish(
        self,
        tables: Mapping[str, pd.DataFrame],
        errors: pd.DataFrame,
        meta: Mapping[str, Any],
    ) -> Path:
        """Write the manifest and errors and put the snapshot in place at the target.

        ``tables``: every table of the run, each as an empty frame with its columns and dtypes
        (what the engine yields when a sink takes the rows); a table with no rows gets a
        schema-only file, as ``Inventory.save`` writes it. Partitions are listed in the order
        of ``meta["accounts"]``, so a loaded table has the rows in the order ``collect``
        gives them in memory."""
        order = _account_order(meta)
        entries = {}
        for name in sorted(tables):
            empty = tables[name]
            files = sorted(self.files.get(name, []), key=lambda f: order(f[PARTITION]))
            if not files:
                path = f"{name}/{PART_FILE}"
                write_parquet(empty, self.staging / path)
                files = [{"path": path, "rows": 0}]
            rows = sum(f["rows"] for f in files)
            entries[name] = {"rows": rows, "dtypes": frame_dtypes(empty), "files": files}
        write_manifest(self.staging, PARTITIONED_FORMAT, entries, errors, meta)
        try:
            replace_directory(self.staging, self.target)
        except BaseException:
            self.abort()
            raise
        return self.target

    def abort(self) -> None:
        """Remove the staging directory (a failed or cancelled run)."""
        shutil.rmtree(self.staging, ignore_errors=True)


def merge_partitioned(
    sources: Sequence[str | os.PathLike[str]],
    dest: str | os.PathLike[str],
    errors: pd.DataFrame | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Path:
    """One format-2 snapshot at ``dest`` holding the tables of every snapshot in ``sources``
    (format 2, of disjoint accounts: a (table, account) met twice is a ``UsageError``).

    Files are hard-linked where the file system allows, else copied; ``dest`` is written
    atomically. ``errors``: the merged run's (default: every source's, in order); ``meta``:
    its meta (default: the first source's, with ``accounts`` and ``tables`` of all)."""
    shards = [SnapshotTables(source) for source in sources]
    for shard in shards:
        if shard.format != PARTITIONED_FORMAT:
            raise UsageError(
                f"{shard.source} is a snapshot of format {shard.format}; only partitioned "
                f"snapshots (format {PARTITIONED_FORMAT}, collect(..., to=DIR)) merge."
            )
    if meta is None:
        meta = _merged_meta(shards)
    if errors is None:
        parts = [shard.read_errors() for shard in shards]
        errors = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    writer = PartitionWriter(dest)  # refuses a directory that is not a snapshot
    with writer:
        empties: dict[str, pd.DataFrame] = {}
        for shard in shards:
            for name, entry in shard.entries.items():
                dtypes = dict(entry["dtypes"])
                empties.setdefault(
                    name, pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})
                )
                taken = {f[PARTITION] for f in writer.files.get(name, [])}
                for file in entry["files"]:
                    _link_partition(shard, file, name, writer, taken)
        return writer.finish(empties, errors, meta)


def _link_partition(
    shard: SnapshotTables,
    file: Mapping[str, Any],
    name: str,
    writer: PartitionWriter,
    taken: set[str | None],
) -> None:
    """Link (or copy) one file of ``shard`` into the merged snapshot; ``taken``: the accounts
    of table ``name`` that earlier shards hold."""
    if PARTITION not in file:
        if file.get("rows", 1):
            raise UsageError(
                f"Table {name} of {shard.source} is not partitioned by account; only tables "
                "with an account_id column merge."
            )
        return  # the schema-only file of an empty table: finish writes one if need be
    account = file[PARTITION]
    listed = writer.files.setdefault(name, [])
    if account in taken:
        raise UsageError(
            f"Account {account} of table {name} is in two of the snapshots to merge "
            f"({shard.source} and another); merge snapshots of disjoint accounts."
        )
    if not file.get("rows", 1):
        return
    part = sum(1 for f in listed if f[PARTITION] == account)
    path = f"{name}/{partition_folder(account)}/part-{part}.parquet"
    source, copy = member(shard.source, str(file["path"])), writer.staging / path
    owner_only_dirs(copy.parent)
    try:
        os.link(source, copy)
    except OSError:
        shutil.copyfile(source, copy)
        with contextlib.suppress(OSError):
            os.chmod(copy, 0o600)
    listed.append({"path": path, PARTITION: account, "rows": file.get("rows", 0)})


def _merged_meta(shards: Iterable[SnapshotTables]) -> dict[str, Any]:
    metas = [shard.meta for shard in shards]
    merged = dict(metas[0]) if metas else {}
    for key in ("accounts", "tables"):
        seen: dict[str, None] = {}
        for meta in metas:
            for value in meta.get(key) or []:
                seen.setdefault(value, None)
        if seen:
            merged[key] = list(seen)
    return merged


def _account_order(meta: Mapping[str, Any]) -> Any:
    """A sort key putting accounts in the order ``meta["accounts"]`` lists them (others after,
    by id; a missing account last)."""
    accounts = meta.get("accounts") if isinstance(meta, Mapping) else None
    position = {a: n for n, a in enumerate(accounts or []) if isinstance(a, str)}

    def key(account: str | None) -> tuple[int, str]:
        if account is None:
            return (len(position) + 1, "")
        return (position.get(account, len(position)), account)

    return key
