"""Audit and document AWS estates from Jupyter.

``inv = await toolkit.collect(toolkit.Scope(accounts="organization"))`` gives pandas DataFrames
of every resource across the accounts and regions of the scope. Importing ``toolkit`` does no
I/O and loads pandas and the AWS SDK only when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ToolkitError
from .scope import Scope

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .checks import check
    from .checks.runner import run_checks
    from .engine import collect, collect_sync, stream
    from .inventory import Inventory, diff
    from .sources import open_inventory

__all__ = [
    "Inventory",
    "Scope",
    "ToolkitError",
    "check",
    "collect",
    "collect_sync",
    "diff",
    "open_inventory",
    "run_checks",
    "stream",
]

_LAZY = {
    "collect": ("engine", "collect"),
    "collect_sync": ("engine", "collect_sync"),
    "stream": ("engine", "stream"),
    "Inventory": ("inventory", "Inventory"),
    "open_inventory": ("sources", "open_inventory"),
    "run_checks": ("checks.runner", "run_checks"),
    "check": ("checks", "check"),
    "compliance": ("compliance", "compliance"),
    "diff": ("inventory", "diff"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attr)
    if name in {
        "collectors",
        "sandbox",
        "aws",
        "checks",
        "render",
        "dashboards",
        "reports",
        "remediate",
        "access",
        "sql",
        "history",
        "changes",
        "exports",
    }:
        from importlib import import_module

        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
