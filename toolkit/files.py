"""Files the toolkit writes: whole or not at all, readable by their owner only.

A reader never sees half a file (written beside the target, then ``os.replace``d over it), and
what the toolkit writes may describe an estate, so it is created owner-only (0600). Directories
(snapshots, the cache) are filled beside their target, owner-only (0700), and renamed into
place; one they replace stays whole until the new one is there. The folder a target needs is
created owner-only. This is the one home of these routines: snapshots,
the cache, diagrams, reports and the sandbox's saved state all write through it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path


def owner_only_dirs(path: Path) -> None:
    """Create directory ``path`` and every missing folder above it owner-only (0700):
    ``Path.mkdir(parents=True, mode=...)`` gives the mode to the last one only."""
    path = Path(path)
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)


def atomic_write_bytes(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``target`` atomically, creating its folder (owner-only) if needed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, staging = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(staging, mode)
        os.replace(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def atomic_write_text(target: Path, text: str, mode: int = 0o600) -> None:
    """``atomic_write_bytes`` for UTF-8 text."""
    atomic_write_bytes(target, text.encode("utf-8"), mode)


@contextlib.contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """A new owner-only directory beside ``target`` to fill; when the block ends it replaces
    ``target`` whole (``replace_directory``). If the block fails it is removed and ``target``
    is left as it was."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        os.chmod(staging, 0o700)
        yield staging
        replace_directory(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def replace_directory(staging: Path, target: Path) -> None:
    """Rename the finished directory ``staging`` to ``target`` (same folder). Whatever is
    there already is moved aside first and removed only once the new one is in place, or put
    back if that rename fails: ``target`` holds the old or the new, never a mix."""
    staging, target = Path(staging), Path(target)
    try:
        os.replace(staging, target)  # nothing there (or an empty directory): one rename
        return
    except OSError:
        if not target.exists():
            raise
    aside = target.with_name(f".{target.name}.replaced-{uuid.uuid4().hex[:8]}")
    os.replace(target, aside)
    try:
        os.replace(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):  # the original error is the one worth reporting
            os.replace(aside, target)
        raise
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            aside.unlink()
