"""Snapshot files: how an inventory's frames, errors and metadata lie on disk (pyarrow Parquet).

Two layouts, both described by ``manifest.json`` and both read by ``Inventory.load``:

- format 1 (the default): one ``<table>.parquet`` per table;
- format 2 (partitioned, what a history records): each table a folder of Hive partitions,
  ``<table>/account_id=<id>/part-0.parquet`` (the id percent-encoded, a missing one
  ``__HIVE_DEFAULT_PARTITION__``, as Hive, pyarrow and DuckDB write them). The partition
  column is not repeated inside the files; the manifest lists every file with its account,
  so reading needs no parsing of paths. An empty table, or one without ``account_id``, is one
  file ``<table>/part-0.parquet`` holding every column (a schema-only file when empty).
  Reading gives the same frames and dtypes as format 1; the rows of one account keep their
  order, and accounts come in the order they first appeared.

Both are written into a staging directory beside the target and renamed into place
(``toolkit.files``), owner-only. A manifest naming a file outside the snapshot (an absolute
path, ``..``, a symbolic link leading out) is a ``SnapshotError``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar
from urllib.parse import quote

import pandas as pd

from .errors import SnapshotError, UsageError
from .files import atomic_directory, owner_only_dirs

#: The layout ``Inventory.save`` writes by default: one file per table.
SNAPSHOT_FORMAT = 1
#: The layout partitioned by table and account (``Inventory.save(dir, partitioned=True)``).
PARTITIONED_FORMAT = 2
FORMATS = (SNAPSHOT_FORMAT, PARTITIONED_FORMAT)
MANIFEST = "manifest.json"
ERRORS_FILE = "errors.parquet"
PARTITION = "account_id"
PART_FILE = "part-0.parquet"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
T = TypeVar("T")


def write_snapshot(
    frames: Mapping[str, pd.DataFrame],
    errors: pd.DataFrame,
    meta: Mapping[str, Any],
    directory: str | os.PathLike[str],
    *,
    partitioned: bool = False,
    extras: Mapping[str, pd.DataFrame] | None = None,
) -> Path:
    """Write a snapshot atomically; an existing snapshot there is replaced whole.

    ``extras``: more frames kept beside the tables as ``<name>.parquet`` (a history keeps the
    run's findings so); listed in the manifest, not read by ``Inventory.load``."""
    target = Path(directory)
    check_target(target)
    with atomic_directory(target) as staging:
        tables = {}
        for name, frame in frames.items():
            entry: dict[str, Any] = {"rows": len(frame), "dtypes": frame_dtypes(frame)}
            if partitioned:
                entry["files"] = _write_partitions(frame, staging, name)
            else:
                entry["file"] = f"{name}.parquet"
                write_parquet(frame, staging / entry["file"])
            tables[name] = entry
            del frame  # a lazy inventory's table read for this write is not kept
        fmt = PARTITIONED_FORMAT if partitioned else SNAPSHOT_FORMAT
        write_manifest(staging, fmt, tables, errors, meta, extras)
    return target


def check_target(target: Path) -> None:
    """Refuse to write a snapshot over a directory (or file) that is not one."""
    not_snapshot = target.exists() and not (target / MANIFEST).is_file()
    if not_snapshot and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(
            f"{target} exists and is not a snapshot; choose an empty or new directory."
        )


def write_manifest(
    staging: Path,
    fmt: int,
    tables: Mapping[str, Any],
    errors: pd.DataFrame,
    meta: Mapping[str, Any],
    extras: Mapping[str, pd.DataFrame] | None = None,
) -> None:
    """The last files of a snapshot whose tables are written: ``errors.parquet``, the extras
    and ``manifest.json`` (``tables``: per table its rows, dtypes and file or files)."""
    write_parquet(errors, staging / ERRORS_FILE)
    manifest: dict[str, Any] = {
        "format": fmt,
        "tables": dict(tables),
        "errors": {"file": ERRORS_FILE, "rows": len(errors)},
        "meta": dict(meta),
    }
    if extras:
        manifest["extras"] = {}
        for name, frame in extras.items():
            write_parquet(frame, staging / f"{name}.parquet")
            manifest["extras"][name] = {"file": f"{name}.parquet", "rows": len(frame)}
    path = staging / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, default=str))
    os.chmod(path, 0o600)


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest of the snapshot in ``source``, of a format this toolkit reads."""
    path = source / MANIFEST
    if not path.is_file():
        raise SnapshotError(
            f"{source} is not a snapshot (no {MANIFEST}); give a directory written by "
            "'toolkit collect -o DIR' or Inventory.save."
        )
    manifest = json.loads(path.read_text())
    if not isinstance(manifest, dict):
        raise ValueError(f"{MANIFEST} holds no mapping")
    if manifest.get("format") not in FORMATS or isinstance(manifest.get("format"), bool):
        raise SnapshotError(
            f"{source} is a snapshot of format {manifest.get('format')!r}, this toolkit "
            f"reads formats {', '.join(map(str, FORMATS))}; collect it again with this version."
        )
    return manifest


def read_snapshot(
    directory: str | os.PathLike[str],
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, Any]]:
    """The frames (cast to their recorded dtypes), errors and meta of a snapshot of any
    format, all read now; anything wrong with it is a ``SnapshotError`` naming it."""
    tables = SnapshotTables(directory)
    return {name: tables[name] for name in tables}, tables.read_errors(), tables.meta


def read_table(directory: str | os.PathLike[str], name: str) -> pd.DataFrame | None:
    """One table of a snapshot (None when it does not hold it), without reading the others."""
    tables = SnapshotTables(directory)
    return tables.get(name)


class SnapshotTables(Mapping[str, pd.DataFrame]):
    """The tables of a snapshot on disk (either format), each read from Parquet when asked and
    not kept (``Inventory.load`` keeps what it reads).

    Opening reads the manifest alone and checks it: every table's dtypes and the files it
    lists, inside the snapshot. A table whose files are unreadable is a ``SnapshotError`` when
    it is read; so is reading after the snapshot was replaced (a new ``manifest.json``), which
    would otherwise mix two runs."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.source = Path(directory)
        if not (self.source / MANIFEST).is_file():
            read_manifest(self.source)  # says it is not a snapshot
        try:
            self.manifest = read_manifest(self.source)
            self.format: int = self.manifest["format"]
            self.entries = _checked_tables(self.source, self.manifest)
            member(self.source, self.manifest["errors"]["file"])
            meta = self.manifest.get("meta") or {}
            if not isinstance(meta, dict):
                raise ValueError("its meta is not a mapping")
            self.meta: dict[str, Any] = meta
            self._stamp = _stamp(self.source)
        except SnapshotError:
            raise
        except Exception as exc:
            raise self._corrupt(exc) from None

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.entries:
            raise KeyError(name)
        return self._guarded(name, lambda: _read_table(self.source, self.manifest, name))

    def __contains__(self, name: object) -> bool:
        return name in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def read_errors(self) -> pd.DataFrame:
        """The snapshot's ``errors.parquet``."""
        file = member(self.source, self.manifest["errors"]["file"])
        return self._guarded(None, lambda: pd.read_parquet(file))

    def rows(self, name: str) -> int:
        """Rows of table ``name`` as the manifest records them (read only if it does not)."""
        rows = self.entries[name].get("rows")
        if isinstance(rows, int) and not isinstance(rows, bool) and rows >= 0:
            return rows
        return len(self[name])

    def accounts(self, name: str) -> int:
        """Distinct accounts in table ``name``: a partitioned table's from its manifest, a
        format-1 table's from its ``account_id`` column alone."""
        entry = self.entries[name]
        if PARTITION not in entry["dtypes"] or entry.get("rows") == 0:
            return 0
        if self.format == PARTITIONED_FORMAT:
            listed = [f for f in entry["files"] if f.get("rows", 1)]
            if not listed:
                return 0
            if any(PARTITION in f for f in listed):
                return len({f[PARTITION] for f in listed if f.get(PARTITION) is not None})
        return self._guarded(name, lambda: int(self._column(name, PARTITION).nunique()))

    def _column(self, name: str, column: str) -> pd.Series:
        import pyarrow.parquet as pq

        if self.format == PARTITIONED_FORMAT:
            return self[name][column]
        path = member(self.source, self.entries[name]["file"])
        return pq.read_table(path, columns=[column]).column(0).to_pandas()

    def _guarded(self, name: str | None, read: Callable[[], T]) -> T:
        """``read()``, with anything wrong said as a ``SnapshotError``."""
        if _stamp(self.source) != self._stamp:
            raise SnapshotError(
                f"The snapshot in {self.source} was replaced after it was loaded; load it "
                "again (Inventory.load) to read the new one."
            )
        try:
            return read()
        except SnapshotError:
            raise
        except Exception as exc:
            raise self._corrupt(exc, name) from None

    def _corrupt(self, exc: BaseException, name: str | None = None) -> SnapshotError:
        what = f"Table {name} of the snapshot" if name else "The snapshot"
        return SnapshotError(
            f"{what} in {self.source} is unreadable or corrupt ({type(exc).__name__}: "
            f"{_short(exc)}); collect it again."
        )


def _checked_tables(source: Path, manifest: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The manifest's tables, each entry checked enough that reading it later fails only
    on the files' bytes: dtypes a mapping of text, files a list of paths inside ``source``."""
    tables = manifest["tables"]
    if not isinstance(tables, dict):
        raise ValueError("its tables are not a mapping")
    checked = {}
    for name, entry in tables.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("dtypes"), dict):
            raise ValueError(f"table {name!r} has no dtypes")
        if not all(isinstance(d, str) for d in entry["dtypes"].values()):
            raise ValueError(f"table {name!r} has a dtype that is not text")
        if manifest["format"] == PARTITIONED_FORMAT:
            files = entry.get("files")
            if not isinstance(files, list) or not files:
                raise ValueError(f"table {name!r} lists no file")
            for file in files:
                if not isinstance(file, dict):
                    raise ValueError(f"table {name!r} lists a file that is not a mapping")
                member(source, file.get("path"))
                value = file.get(PARTITION)
                if value is not None and not isinstance(value, str):
                    raise ValueError(f"a partition's account is {value!r}, not text")
                if not isinstance(file.get("rows", 0), int):
                    raise ValueError(f"table {name!r} lists a file whose rows are not a count")
        else:
            member(source, entry.get("file"))
        checked[str(name)] = entry
    return checked


def _stamp(source: Path) -> tuple[int, ...]:
    """What changes when a snapshot is replaced: its manifest's inode, size and time."""
    try:
        found = os.stat(source / MANIFEST)
    except OSError:
        return ()
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def _read_table(source: Path, manifest: Mapping[str, Any], name: str) -> pd.DataFrame:
    from .collectors.base import conform

    entry = manifest["tables"][name]
    if manifest["format"] == PARTITIONED_FORMAT:
        frame = _read_partitions(source, entry["files"])
    else:
        frame = pd.read_parquet(member(source, entry["file"]))
    return conform(frame, dict(entry["dtypes"]))


def table_files(manifest: Mapping[str, Any], source: Path, name: str) -> list[tuple[Path, bool]]:
    """The files of table ``name`` in a snapshot, each with whether it is a partition (its
    ``account_id`` in its path, not inside it); for reading them elsewhere (DuckDB)."""
    entry = manifest["tables"][name]
    if manifest["format"] != PARTITIONED_FORMAT:
        return [(member(source, entry["file"]), False)]
    return [(member(source, file["path"]), PARTITION in file) for file in entry["files"]]


def member(source: Path, name: Any) -> Path:
    """A file of the snapshot by the relative path the manifest gives, never a path elsewhere:
    no absolute path, no ``..``, no link leading out."""
    parts = PurePosixPath(name).parts if isinstance(name, str) else ()
    plain = (
        isinstance(name, str)
        and "\\" not in name
        and "\0" not in name
        and bool(parts)
        and "/".join(parts) == name
        and not PurePosixPath(name).is_absolute()
        and not any(part in ("", ".", "..") for part in parts)
    )
    path = source.joinpath(*parts) if plain else source
    if not plain or not path.resolve().is_relative_to(source.resolve()):
        raise SnapshotError(
            f"The snapshot in {source} names a file outside itself ({name!r}); it is corrupt or "
            "was tampered with: collect it again."
        )
    return path


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """One Parquet file, owner-only (its folders too)."""
    owner_only_dirs(path.parent)
    frame.to_parquet(path, engine="pyarrow", index=False)
    os.chmod(path, 0o600)


def partition_folder(account: Any) -> str:
    """``account_id=<id>``, the id percent-encoded (as Hive does); a missing id is Hive's
    default partition."""
    if account is None or (not isinstance(account, str) and pd.isna(account)):
        return f"{PARTITION}={NULL_PARTITION}"
    return f"{PARTITION}={quote(str(account), safe='')}"


def _write_partitions(frame: pd.DataFrame, staging: Path, name: str) -> list[dict[str, Any]]:
    if frame.empty or PARTITION not in frame.columns:
        path = f"{name}/{PART_FILE}"
        write_parquet(frame, staging / path)
        return [{"path": path, "rows": len(frame)}]
    # One Arrow table for the whole frame, so every partition has the same schema (a column
    # empty in one account is typed as in the others); dtypes come back from the manifest.
    table = arrow_without_partition(frame)
    column = frame[PARTITION].astype("object")
    files = []
    for account, positions in column.groupby(column, sort=False, dropna=False).indices.items():
        value = None if pd.isna(account) else str(account)
        files.append(write_partition(table.take(positions), staging, name, value))
    return files


def arrow_without_partition(frame: pd.DataFrame) -> Any:
    """``frame`` as an Arrow table without its ``account_id`` (the partition says it)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    return table.drop_columns([PARTITION])


def write_partition(
    table: Any, root: Path, name: str, account: str | None, part: int = 0
) -> dict[str, Any]:
    """Write the Arrow ``table`` (rows of one account, without ``account_id``) as that
    account's partition of table ``name`` under ``root`` (its ``part``-th file there); its
    manifest entry."""
    import pyarrow.parquet as pq

    path = f"{name}/{partition_folder(account)}/part-{part}.parquet"
    owner_only_dirs((root / path).parent)
    pq.write_table(table, root / path)
    os.chmod(root / path, 0o600)
    return {"path": path, PARTITION: account, "rows": table.num_rows}


def _read_partitions(source: Path, files: Any) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = []
    for file in list(files):
        part = pq.read_table(member(source, file["path"]))
        if PARTITION in file:
            value = file[PARTITION]
            if value is not None and not isinstance(value, str):
                raise ValueError(f"a partition's account is {value!r}, not text")
            part = part.add_column(0, PARTITION, pa.array([value] * len(part), pa.string()))
        parts.append(part)
    if not parts:
        raise ValueError("a table lists no file")
    if len(parts) == 1:
        return parts[0].to_pandas()
    return pa.concat_tables(parts, promote_options="permissive").to_pandas()


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def frame_dtypes(frame: pd.DataFrame) -> dict[str, str]:
    """The dtypes a manifest records for ``frame``, by column."""
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}
