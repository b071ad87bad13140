"""Security checks: pure functions over the Inventory's DataFrames, with their metadata.

``toolkit.run_checks(inv)`` gives the findings; ``@toolkit.check(...)`` defines a custom check
(see ``base.check``). Checks never call AWS.

Built-in checks are one file each, ``toolkit/checks/<service>/<check_id>.py`` (helpers a
service's checks share in ``<service>/_shared.py``), found by walking this package: adding a
check is adding its file, with no list to keep. Installed packages add theirs through the
entry-point group ``toolkit.checks``, each entry point naming a module whose import registers
its checks; ``toolkit.plugins`` loads them, naming a plugin that fails to import in a
``PluginWarning`` (``warnings.warn``) while the rest loads.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

from .base import REGISTRY, SEVERITIES, Check, check, evaluate, select

__all__ = [
    "REGISTRY",
    "SEVERITIES",
    "Check",
    "builtin_modules",
    "check",
    "evaluate",
    "import_builtin",
    "load_builtin",
    "select",
]


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
    found = pkgutil.walk_packages(__path__, prefix=f"{__name__}.", onerror=_reraise)
    return sorted(module.name for module in found)


def _reraise(name: str) -> None:
    raise  # walk_packages calls this inside its except clause: the import error goes on
