"""Find the built-in tables by walking this package, so that no list of them is kept by hand.

Every sub-package of ``toolkit.collectors`` is a service; every module in it (but those whose
name starts with ``_``, which hold what a service's tables share) declares tables on import.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

#: Modules of this package that are not services.
NOT_SERVICES = ("base", "discover", "docs", "policy")
#: The service packages, found on disk (``lambda_``: ``lambda`` is a Python keyword).
SERVICES: tuple[str, ...] = tuple(
    sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not info.name.startswith("_") and info.name not in NOT_SERVICES
    )
)


def load_builtin() -> None:
    """Import every built-in service package (each imports and registers its tables)."""
    for service in SERVICES:
        importlib.import_module(f"{__package__}.{service}")


def export_tables(package: str, namespace: dict[str, Any]) -> None:
    """Import every table module of ``package`` and bind each of its tables by short name.

    Called from a service's ``__init__``: ``toolkit.collectors.s3.buckets`` is then the table
    (awaitable with a Scope), not the module that declares it.
    """
    from .base import REGISTRY

    path = namespace["__path__"]
    for info in sorted(pkgutil.iter_modules(path), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for table in REGISTRY.values():
            if table.module == module.__name__:
                namespace[table.name.split(".", 1)[1]] = table
