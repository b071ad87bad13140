"""Files the toolkit writes: whole or not at all, readable by their owner only.

A reader never sees half a file (written beside the target, then ``os.replace``d over it), and
what the toolkit writes may describe an estate, so it is created owner-only (0600).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
