"""Collectors: one module per AWS service, each table an awaitable returning a DataFrame.

``await toolkit.collectors.s3.buckets(scope)`` collects one table; ``toolkit.collect`` collects
many at once, sharing clients, credentials and limits.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError
from . import cloudtrail, ec2, iam, kms, lambda_, organizations, rds, s3, sso
from .base import REGISTRY, Column, Table

__all__ = [
    "REGISTRY",
    "Column",
    "Table",
    "cloudtrail",
    "ec2",
    "iam",
    "kms",
    "lambda_",
    "organizations",
    "rds",
    "s3",
    "select_tables",
    "services",
    "sso",
]


def services() -> list[str]:
    return sorted({entry.service for entry in REGISTRY.values()})


def select_tables(
    services_: Iterable[str] | str | None = None, tables: Iterable[str] | str | None = None
) -> list[Table]:
    """The tables a run collects, by service and table name; unknown names are a UsageError."""
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
