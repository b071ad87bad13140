"""One way to get an inventory: from a snapshot, the demo sandbox, or AWS.

Every command, report notebook and dashboard asks here, so that one set of rules holds for all:
a snapshot is read and nothing is collected; ``demo`` starts the sandbox for the collection
and stops it after; otherwise a Scope (given, or built from Scope options) says where to read.
Every option is either honoured or refused with one sentence, never silently dropped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .scope import ORGANIZATION, Scope

if TYPE_CHECKING:
    from .inventory import Inventory

#: The options a Scope takes (profile, regions, accounts, role_name, max_attempts, ...).
SCOPE_OPTIONS = tuple(f.name for f in dataclasses.fields(Scope))
#: What says where to collect from; none of them goes with a snapshot.
SOURCE_CONFLICT = "Give either --snapshot or where to collect from, not both."
DEMO_CONFLICT = (
    "--demo reads the sandbox's own endpoint and credentials; give no --endpoint-url or "
    "--profile with it."
)
SANDBOX_HINT = (
    "--demo needs the sandbox extra; install it with: pip install 'aws-estate-toolkit[sandbox]'."
)


@contextlib.contextmanager
def open_scope(
    demo: bool = False,
    scope: Scope | None = None,
    *,
    announce: bool = False,
    **scope_options: Any,
) -> Iterator[Scope]:
    """The Scope to read, valid for the ``with`` block: ``scope`` with ``scope_options``
    applied, the demo sandbox's organization (the sandbox runs for the block), or a new Scope.

    ``announce`` says on stderr that the sandbox is starting (it takes seconds).
    """
    options = _scope_options(scope_options)
    if scope is not None:
        if demo:
            raise UsageError("Give either demo=True or a scope, not both.")
        yield scope.replace(**options) if options else scope
        return
    if not demo:
        yield Scope(**options)
        return
    if options.get("endpoint_url") or options.get("profile"):
        raise UsageError(DEMO_CONFLICT)
    Scope(**options)  # a bad option fails before the sandbox starts
    try:
        from .sandbox import Sandbox
    except ImportError:
        raise UsageError(SANDBOX_HINT) from None
    if announce:
        print("Starting the demo sandbox ...", file=sys.stderr)
    with Sandbox() as sandbox:
        defaults = {"accounts": ORGANIZATION, "regions": list(sandbox.truth.regions)}
        yield sandbox.scope(**defaults | options)


def open_inventory(
    snapshot: str | None = None,
    demo: bool = False,
    scope: Scope | None = None,
    *,
    services: Iterable[str] | str | None = None,
    tables: Iterable[str] | str | None = None,
    columns: Mapping[str, Iterable[str]] | Iterable[str] | None = None,
    progress: bool = True,
    max_age: float | timedelta | str | None = None,
    announce: bool = False,
    to: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    **scope_options: Any,
) -> Inventory:
    """The Inventory from a snapshot directory, the demo estate, or AWS.

    ``snapshot``: read it (lazily); nothing is collected and no other source may be named.
    ``demo``: start the sandbox, collect its whole organization, stop it. Otherwise collect
    ``scope``, or a Scope made of ``scope_options`` (profile, regions, accounts, role_name,
    endpoint_url, max_concurrency, read_timeout, max_attempts, ...). ``services``, ``tables``,
    ``columns``, ``progress``, ``max_age``, ``to`` (write the snapshot there as the
    collection goes), ``workers`` and ``scheduler`` are ``toolkit.collect``'s.
    """
    options = _scope_options(scope_options)
    if snapshot:
        if demo or scope is not None or options:
            raise UsageError(SOURCE_CONFLICT)
        if services or tables or columns:
            raise UsageError(
                "A snapshot is read whole; give services or tables only when collecting."
            )
        if to is not None:
            raise UsageError(
                "A snapshot is read, not collected; to save it elsewhere, use Inventory.save."
            )
        if workers not in (None, 0, 1) or scheduler is not None:
            raise UsageError(
                "A snapshot is read, not collected; give workers only when collecting."
            )
        from .inventory import Inventory

        return Inventory.load(snapshot)
    from .collectors import select_tables
    from .engine import collect_sync

    select_tables(services, tables)  # unknown names fail before the sandbox starts
    with open_scope(demo, scope, announce=announce, **options) as chosen:
        return collect_sync(
            chosen,
            services,
            tables,
            progress=progress,
            max_age=max_age,
            columns=columns,
            to=to,
            workers=workers,
            scheduler=scheduler,
        )


def _scope_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The given Scope options (None means "the default"); an unknown name is a TypeError."""
    unknown = sorted(set(options) - set(SCOPE_OPTIONS))
    if unknown:
        raise TypeError(
            f"Unknown Scope option(s) {', '.join(unknown)}; a Scope takes {', '.join(SCOPE_OPTIONS)}."
        )
    return {name: value for name, value in options.items() if value is not None}
