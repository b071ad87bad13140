"""Repeat runs: reuse a recent snapshot of the same scope instead of calling AWS again.

``collect(scope, max_age=600)`` (``--max-age 10m`` on the command line) first looks in the
user's cache directory for a snapshot of the same scope and tables younger than ``max_age``, and
returns it; otherwise it collects and stores the new inventory there. A notebook re-run during
exploration then takes seconds.

- Where: platformdirs' user cache directory for ``aws-estate-toolkit`` (``~/.cache/...`` on
  Linux), or ``$TOOLKIT_CACHE_DIR``; one snapshot directory per key, readable by the user only.
- The key: a SHA-256 of the scope's non-secret description (``Scope.describe()``: profile,
  regions, accounts, role, endpoint, limits), the sorted table names the run collects and the
  toolkit's version. Credentials never enter it, so the same profile with other credentials
  behind it shares the key: ``max_age`` is the user saying "recent is fine".
- The age: from the snapshot's ``meta["finished"]`` (when its collection ended), else the
  directory's modification time.
- Snapshots are ``Inventory.save`` directories (Parquet, pyarrow), written beside the target and
  renamed into place, so a reader never sees half a snapshot. A snapshot that cannot be read is a
  miss, never an error: the run collects again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .files import replace_directory

if TYPE_CHECKING:
    from .inventory import Inventory
    from .scope import Scope

APP_NAME = "aws-estate-toolkit"
ENV_VAR = "TOOLKIT_CACHE_DIR"
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def cache_dir() -> Path:
    """``$TOOLKIT_CACHE_DIR``, else the user cache directory of aws-estate-toolkit."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "snapshots"


def scope_key(
    scope: Scope,
    services: Iterable[str] | str | None = None,
    tables: Iterable[str] | str | None = None,
) -> str:
    """A stable hex key for (scope, the tables collected); never built from credentials."""
    from . import __version__
    from .collectors import select_tables

    names = sorted(table.name for table in select_tables(services, tables))
    payload = json.dumps(
        {"scope": scope.describe(), "tables": names, "toolkit": __version__},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def seconds(max_age: float | timedelta | str) -> float:
    """``max_age`` in seconds: a number, a timedelta, or text such as ``90``, ``10m``, ``2h``."""
    if isinstance(max_age, timedelta):
        value = max_age.total_seconds()
    elif isinstance(max_age, str):
        match = _AGE.match(max_age)
        if not match:
            raise UsageError(
                f"Cannot read the age {max_age!r}; give seconds or a number with s, m, h, d or w "
                "(for example 600, 10m or 2h)."
            )
        value = float(match.group(1)) * _UNITS[match.group(2).lower()]
    elif isinstance(max_age, int | float) and not isinstance(max_age, bool):
        value = float(max_age)
    else:
        raise UsageError(f"max_age must be seconds or a timedelta, not {max_age!r}.")
    if value < 0 or value != value:
        raise UsageError(f"max_age must not be negative, not {max_age!r}.")
    return value


def snapshot_path(key: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{8,64}", key):
        raise UsageError(f"{key!r} is not a cache key (hex digits from scope_key).")
    return cache_dir() / key


def age_of(directory: Path) -> float | None:
    """Seconds since the snapshot in ``directory`` was collected; None if there is none."""
    manifest = directory / "manifest.json"
    if not manifest.is_file():
        return None
    finished = None
    try:
        meta = json.loads(manifest.read_text()).get("meta") or {}
        finished = meta.get("finished")
    except (OSError, ValueError):
        return None
    if finished:
        try:
            when = datetime.fromisoformat(str(finished))
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return (datetime.now(UTC) - when).total_seconds()
        except ValueError:
            pass
    try:
        return time.time() - directory.stat().st_mtime
    except OSError:
        return None


def load_cached(key: str, max_age: float | timedelta | str) -> Inventory | None:
    """The cached inventory for ``key`` if it is younger than ``max_age``, else None."""
    from .errors import SnapshotError
    from .inventory import Inventory

    limit = seconds(max_age)
    directory = snapshot_path(key)
    age = age_of(directory)
    if age is None or age > limit:
        return None
    try:
        inventory = Inventory.load(directory, lazy=False)  # a later store replaces it
    except (SnapshotError, OSError):
        return None
    inventory.meta["cache"] = {
        "hit": True,
        "key": key,
        "age_seconds": round(max(age, 0.0), 3),
        "path": str(directory),
    }
    return inventory


def store(key: str, inventory: Inventory) -> Path:
    """Save ``inventory`` as the snapshot for ``key``, replacing an older one in one rename."""
    target = snapshot_path(key)
    root = target.parent
    root.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a directory the user made keeps its mode
        os.chmod(root, 0o700)
    staging = root / f".{key}.{uuid.uuid4().hex}"
    inventory.save(staging)
    try:
        replace_directory(staging, target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # another run won the race: keep theirs
    return target


def clear(key: str | None = None) -> int:
    """Remove one cached snapshot, or all of them; returns how many were removed."""
    if key is not None:
        directory = snapshot_path(key)
        if directory.is_dir():
            shutil.rmtree(directory)
            return 1
        return 0
    root = cache_dir()
    removed = 0
    if root.is_dir():
        for entry in root.iterdir():
            if entry.is_dir() and (entry / "manifest.json").is_file():
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
    return removed


def describe(key: str) -> dict[str, Any]:
    """Where the snapshot for ``key`` lives and how old it is (None: not cached)."""
    directory = snapshot_path(key)
    return {"key": key, "path": str(directory), "age_seconds": age_of(directory)}
