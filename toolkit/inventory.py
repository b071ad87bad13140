"""Inventory: named DataFrames, the errors met while collecting them, and the run's metadata.

Snapshots are plain Parquet (pyarrow), one ``<table>.parquet`` per table plus ``errors.parquet``
and ``manifest.json``, so DuckDB, Spark or Dask read them as they are. A snapshot is written to a
temporary directory beside the target and renamed into place: a directory that exists is
complete. Loading casts every column back to its declared dtype, so a round trip is exact.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import SnapshotError, UsageError

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

    def summary(self) -> pd.DataFrame:
        """Rows and accounts per table, and errors per table."""
        errors = self.errors["table"].value_counts() if len(self.errors) else {}
        return pd.DataFrame(
            [
                {
                    "table": name,
                    "rows": len(frame),
                    "accounts": frame["account_id"].nunique() if "account_id" in frame else 0,
                    "errors": int(errors.get(name, 0)) if len(self.errors) else 0,
                }
                for name, frame in self._frames.items()
            ],
            columns=["table", "rows", "accounts", "errors"],
        )

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
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            os.chmod(staging, 0o700)
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
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
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
            if manifest.get("format") != SNAPSHOT_FORMAT:
                raise SnapshotError(
                    f"{source} is a snapshot of format {manifest.get('format')!r}, this toolkit "
                    f"reads format {SNAPSHOT_FORMAT}; collect it again with this version."
                )
            frames = {
                name: conform(pd.read_parquet(source / entry["file"]), entry["dtypes"])
                for name, entry in manifest["tables"].items()
            }
            errors = pd.read_parquet(source / manifest["errors"]["file"])
        except SnapshotError:
            raise
        except Exception as exc:
            raise SnapshotError(
                f"The snapshot in {source} is unreadable or corrupt ({type(exc).__name__}: "
                f"{exc}); collect it again."
            ) from None
        return cls(frames, errors, manifest.get("meta"))


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, engine="pyarrow", index=False)
    os.chmod(path, 0o600)
