"""Find the built-in checks by walking this package; plugins through ``toolkit.plugins``.

Kept apart from ``base`` (which defines ``@check``) so that neither imports the other's module
at load: ``base`` asks for the built-ins only when a custom check is defined.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from pathlib import Path

PACKAGE = __package__ or "toolkit.checks"
PATH = [str(Path(__file__).parent)]

_lock = threading.RLock()
_imported = False


def load_builtin() -> None:
    """Register every built-in check, then every installed plugin's: the single entry that
    run_checks, the docs and the CLI use (each part is done once per process)."""
    from ..plugins import load_plugins

    import_builtin()
    load_plugins()


def import_builtin() -> None:
    """Import every module of this package once: each check file registers its check."""
    global _imported
    with _lock:
        if _imported:
            return
        for name in builtin_modules():
            importlib.import_module(name)
        _imported = True


def builtin_modules() -> list[str]:
    """Every module of this package and its service folders, in a stable (sorted) order.

    A module that fails to import raises: a broken built-in must not turn into checks that
    silently never run."""
    found = pkgutil.walk_packages(PATH, prefix=f"{PACKAGE}.", onerror=_reraise)
    return sorted(module.name for module in found)


def _reraise(name: str) -> None:
    raise  # walk_packages calls this inside its except clause: the import error goes on
