"""Collectors: one package per AWS service, one file per table, discovered automatically.

``await toolkit.collectors.s3.buckets(scope)`` collects one table; ``toolkit.collect`` collects
many at once, sharing clients, credentials and limits. A table is a module
``toolkit/collectors/<service>/<table>.py`` that declares it (``base.table`` or
``base.declare``); the service's ``__init__`` binds every table of the package by its short
name (``discover.export_tables``). Installed plugins add tables through the ``toolkit.tables``
entry-point group.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError
from .base import REGISTRY, Column, Hydrate, ListStep, Table, declare, table
from .discover import SERVICES, load_builtin

load_builtin()

__all__ = [
    "REGISTRY",
    "SERVICES",
    "Column",
    "Hydrate",
    "ListStep",
    "Table",
    "declare",
    "load_builtin",
    "select_tables",
    "services",
    "table",
]


def __getattr__(name: str) -> object:
    """``toolkit.collectors.s3`` and the other service packages, imported on first use."""
    if name in SERVICES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def services() -> list[str]:
    return sorted({entry.service for entry in REGISTRY.values()})


def select_tables(
    services_: Iterable[str] | str | None = None, tables: Iterable[str] | str | None = None
) -> list[Table]:
    """The tables a run collects, by service and table name; unknown names are a UsageError."""
    from ..plugins import load_plugins

    load_plugins()  # installed plugins' tables are chosen like the built-in ones
    wanted_services = _names(services_)
    wanted_tables = _names(tables)
    known = services()
    unknown = sorted(set(wanted_services or []) - set(known))
    if unknown:
        raise UsageError(
            f"Unknown service {', '.join(map(repr, unknown))}; choose from {', '.join(known)}."
        )
    unknown = sorted(set(wanted_tables or []) - set(REGISTRY))
    if unknown:
        raise UsageError(
            f"Unknown table {', '.join(map(repr, unknown))}; run 'toolkit collect --list-tables' "
            "to see the table names (service.resource)."
        )
    chosen = [
        entry
        for name, entry in sorted(REGISTRY.items())
        if (wanted_services is None or entry.service in wanted_services)
        and (wanted_tables is None or name in wanted_tables)
    ]
    if not chosen:
        raise UsageError("No table matches both the services and the tables asked for.")
    return chosen


def _names(value: Iterable[str] | str | None) -> list[str] | None:
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [item.strip() for item in items if item.strip()]
    return cleaned or None
