"""Inventory: named DataFrames, the errors met while collecting them, and the run's metadata.

Snapshots are plain Parquet (pyarrow), one ``<table>.parquet`` per table plus ``errors.parquet``
and ``manifest.json``, so DuckDB, Spark or Dask read them as they are. A snapshot is written to a
temporary directory beside the target (readable by its owner only, as is every file in it)
and renamed into place: a directory that exists is complete, and a snapshot it replaces stays
whole until the new one is in place. Loading casts every column back to its declared dtype, so
a round trip is exact; a snapshot that is unreadable, corrupt, from another format or naming
files outside itself is a ``SnapshotError``, whatever its bytes.

``errors`` has one row per (table, account, region) that could not be read, and one row per
failure that stopped everything of an account, a region or an endpoint (``table`` ``"*"``;
``account_id``, ``region`` and ``service`` are ``"*"`` where every one is concerned).
``gaps(tables)`` gives the rows that leave given tables unread, both kinds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import SnapshotError, UsageError
from .files import atomic_directory

if TYPE_CHECKING:
    from .changes import Diff

SNAPSHOT_FORMAT = 1
MANIFEST = "manifest.json"
ERRORS_FILE = "errors.parquet"
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

        self._frames = dict(frames)
        self.errors = conform(
            errors if errors is not None else pd.DataFrame(columns=list(ERROR_COLUMNS)),
            ERROR_COLUMNS,
        )
        self.meta = dict(meta or {})

    # -- mapping ---------------------------------------------------------------------------
    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self._frames[name]
        except KeyError:
            raise KeyError(
                f"No table {name!r} in this inventory; it holds {', '.join(self._frames) or 'none'}."
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    @property
    def tables(self) -> list[str]:
        return list(self._frames)

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
                    "rows": len(frame),
                    "accounts": frame["account_id"].nunique() if "account_id" in frame else 0,
                    "errors": len(self.gaps([name])) if len(self.errors) else 0,
                }
                for name, frame in self._frames.items()
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
            f"<p><b>Inventory</b>: {len(self._frames)} tables, "
            f"{sum(len(f) for f in self._frames.values())} rows, "
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
            f"<Inventory {len(self._frames)} tables, "
            f"{sum(len(f) for f in self._frames.values())} rows, {len(self.errors)} errors>"
        )

    # -- snapshots -------------------------------------------------------------------------
    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write the snapshot atomically; an existing snapshot there is replaced whole."""
        target = Path(directory)
        not_snapshot = target.exists() and not (target / MANIFEST).is_file()
        if not_snapshot and (not target.is_dir() or any(target.iterdir())):
            raise UsageError(
                f"{target} exists and is not a snapshot; choose an empty or new directory."
            )
        with atomic_directory(target) as staging:
            files = {}
            for name, frame in self._frames.items():
                files[name] = f"{name}.parquet"
                _write_parquet(frame, staging / files[name])
            _write_parquet(self.errors, staging / ERRORS_FILE)
            manifest = {
                "format": SNAPSHOT_FORMAT,
                "tables": {
                    name: {"file": files[name], "rows": len(frame), "dtypes": _dtypes(frame)}
                    for name, frame in self._frames.items()
                },
                "errors": {"file": ERRORS_FILE, "rows": len(self.errors)},
                "meta": self.meta,
            }
            path = staging / MANIFEST
            path.write_text(json.dumps(manifest, indent=2, default=str))
            os.chmod(path, 0o600)
        return target

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Inventory:
        """Read a snapshot written by ``save``, with identical frames and dtypes."""
        from .collectors.base import conform

        source = Path(directory)
        manifest_path = source / MANIFEST
        if not manifest_path.is_file():
            raise SnapshotError(
                f"{source} is not a snapshot (no {MANIFEST}); give a directory written by "
                "'toolkit collect -o DIR' or Inventory.save."
            )
        try:
            manifest = json.loads(manifest_path.read_text())
            if not isinstance(manifest, dict):
                raise ValueError(f"{MANIFEST} holds no mapping")
            if manifest.get("format") != SNAPSHOT_FORMAT:
                raise SnapshotError(
                    f"{source} is a snapshot of format {manifest.get('format')!r}, this toolkit "
                    f"reads format {SNAPSHOT_FORMAT}; collect it again with this version."
                )
            frames = {
                str(name): conform(
                    pd.read_parquet(_member(source, entry["file"])), dict(entry["dtypes"])
                )
                for name, entry in dict(manifest["tables"]).items()
            }
            errors = pd.read_parquet(_member(source, manifest["errors"]["file"]))
            meta = manifest.get("meta") or {}
            if not isinstance(meta, dict):
                raise ValueError("its meta is not a mapping")
            return cls(frames, errors, meta)
        except SnapshotError:
            raise
        except Exception as exc:
            raise SnapshotError(
                f"The snapshot in {source} is unreadable or corrupt ({type(exc).__name__}: "
                f"{_short(exc)}); collect it again."
            ) from None


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


def _member(source: Path, name: Any) -> Path:
    """A file of the snapshot, by the plain name the manifest gives (never a path elsewhere)."""
    if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
        raise SnapshotError(
            f"The snapshot in {source} names a file outside itself ({name!r}); it is corrupt or "
            "was tampered with: collect it again."
        )
    return source / name


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, engine="pyarrow", index=False)
    os.chmod(path, 0o600)
