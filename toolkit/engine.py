"""The collection run: fan tables out over accounts and regions, yield each table when done.

``stream`` is the async iterator underneath everything: every (table, account, region) unit is
a task on one event loop, limited by the session's semaphores; a table is yielded as soon as its
last unit finishes. A failing unit becomes a row of ``errors`` and never stops the others. A
failure that will not heal (an account that cannot be entered, a region not enabled, an endpoint
that does not answer: ``toolkit.aws.breaker``) is one row, ``table`` ``"*"``, however many
units it stops. Only the caller's own identity failing, or the endpoint going away altogether
(``EndpointError``, naming the tables collected and not), stops the run. ``collect`` gathers a
stream into an Inventory; ``collect_sync`` runs ``collect`` from code that is not async.
``collect(..., to=DIR)`` gives the stream a sink instead (``toolkit.partitions``): each
(table, account) is written as soon as it is read and leaves memory, the same engine otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import __version__
from .account_gate import AccountGate
from .aws.breaker import Broken
from .aws.errors import error_code, error_message
from .aws.organization import scope_accounts
from .aws.session import GLOBAL_REGION, AwsSession, current_table
from .collectors import select_tables
from .collectors.base import Table, TableContext, conform
from .errors import EndpointError
from .heap import frozen
from .inventory import ERROR_COLUMNS, Inventory
from .scope import Scope

if TYPE_CHECKING:
    from .partitions import PartitionWriter

Unit = tuple[Table, str, str]
#: Takes the rows of one (table name, account) when every unit of that account is done.
Sink = Callable[[str, str, pd.DataFrame], None]


class Collection:
    """One run in progress: ``async for name, frame in run``; ``errors`` and ``meta`` fill as
    it goes and are complete when the iteration ends.

    With a ``sink``, the rows of each (table, account) go to ``sink(name, account, frame)``
    (the table's declared dtypes) as soon as that account's units of the table are done, and
    are not kept: each finished table is then yielded as an empty frame with its columns."""

    def __init__(
        self,
        scope: Scope,
        services: Iterable[str] | str | None = None,
        tables: Iterable[str] | str | None = None,
        *,
        progress: bool = True,
        columns: Mapping[str, Iterable[str]] | Iterable[str] | None = None,
        sink: Sink | None = None,
    ) -> None:
        self.scope = scope
        self.sink = sink
        self.tables = select_tables(services, tables)
        self.columns = _columns_by_table(columns, self.tables)
        self.progress = progress
        self.errors: list[dict[str, Any]] = []
        self.meta: dict[str, Any] = {}
        #: Tables with at least one unit not read, and the breakers already named in errors.
        self._incomplete: set[str] = set()
        self._named: set[tuple[str, ...]] = set()
        self._gate: AccountGate | None = None

    def __aiter__(self) -> AsyncIterator[tuple[str, pd.DataFrame]]:
        return self._run()

    async def _run(self) -> AsyncIterator[tuple[str, pd.DataFrame]]:
        started, clock = datetime.now(UTC), time.perf_counter()
        with frozen():
            async for item in self._collect(started, clock):
                yield item

    async def _collect(
        self, started: datetime, clock: float
    ) -> AsyncIterator[tuple[str, pd.DataFrame]]:
        async with AwsSession(self.scope) as aws:
            accounts, regions = await asyncio.gather(scope_accounts(aws), _regions(aws))
            aws.accounts, aws.regions = accounts, regions
            self.meta = {
                "toolkit_version": __version__,
                "scope": self.scope.describe(),
                "caller_account": aws.caller_account,
                "accounts": accounts,
                "regions": regions,
                "tables": [t.name for t in self.tables],
                "started": started.isoformat(),
            }
            plan = {t.name: _units(t, aws.caller_account, accounts, regions) for t in self.tables}
            if self.sink is not None:  # rows go to disk: so do accounts, a few at a time
                parts = Counter(a for units in plan.values() for a in {a for a, _ in units})
                self._gate = AccountGate(
                    accounts,
                    parts,
                    accounts_at_once(self.scope),
                    aws.release,
                    always=aws.caller_account,
                )
            done: asyncio.Queue[tuple[str, pd.DataFrame | BaseException]] = asyncio.Queue()
            bar = _progress_bar(len(plan), self.progress)
            tasks = [
                asyncio.create_task(self._table(aws, table, plan[table.name], done))
                for table in self.tables
            ]
            finished: list[str] = []
            try:
                for _ in tasks:
                    name, frame = await done.get()
                    if isinstance(frame, BaseException):
                        raise frame  # the sink failed (a full disk): the run stops
                    finished.append(name)
                    bar.update(1)
                    bar.set_postfix_str(f"{name}; errors={len(self.errors)}", refresh=False)
                    yield name, frame
            finally:
                bar.close()
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                self.meta.update(
                    finished=datetime.now(UTC).isoformat(),
                    seconds=round(time.perf_counter() - clock, 3),
                    **aws.run_meta(),
                )
            dead = aws.breaker.dead
            if dead is not None:
                raise self._endpoint_gone(dead, finished)

    def _endpoint_gone(self, dead: Broken, finished: list[str]) -> EndpointError:
        """The error for a run whose endpoint stopped answering: what was read, what was not."""
        collected = sorted(n for n in finished if n not in self._incomplete)
        missing = sorted(t.name for t in self.tables if t.name not in collected)
        where = self.scope.endpoint_url or "AWS"
        return EndpointError(
            f"The endpoint {where} stopped answering during the collection ({dead.message}); "
            f"{len(collected)} of {len(self.tables)} tables were collected before it stopped "
            f"({', '.join(collected) or 'none'}) and {len(missing)} were not "
            f"({', '.join(missing)}); nothing was saved: check that the endpoint is running "
            "and reachable, then collect again.",
            collected=collected,
            not_collected=missing,
        )

    async def _table(
        self,
        aws: AwsSession,
        table: Table,
        units: list[tuple[str, str]],
        done: asyncio.Queue[tuple[str, pd.DataFrame | BaseException]],
    ) -> None:
        columns = self.columns.get(table.name)
        try:
            if self.sink is None:
                parts = await asyncio.gather(*(self._unit(aws, table, a, r) for a, r in units))
                rows = [row for part in parts for row in part]
                await done.put((table.name, table.frame(rows, columns)))
                return
            regions: dict[str, list[str]] = {}
            for account, region in units:
                regions.setdefault(account, []).append(region)
            await asyncio.gather(
                *(self._account(aws, table, a, listed) for a, listed in regions.items())
            )
            await done.put((table.name, table.frame([], columns)))
        except Exception as exc:  # handed to the iteration, which raises it
            await done.put((table.name, exc))

    async def _account(
        self, aws: AwsSession, table: Table, account_id: str, regions: list[str]
    ) -> None:
        """Every unit of one account of ``table``, its rows handed to the sink together."""
        assert self.sink is not None and self._gate is not None
        await self._gate.enter(account_id)
        try:
            parts = await asyncio.gather(*(self._unit(aws, table, account_id, r) for r in regions))
            rows = [row for part in parts for row in part]
            if rows:
                self.sink(table.name, account_id, table.frame(rows, self.columns.get(table.name)))
        finally:
            await self._gate.leave(account_id)

    async def _unit(
        self, aws: AwsSession, table: Table, account_id: str, region: str
    ) -> list[dict[str, Any]]:
        current_table.set(table.name)
        ctx = TableContext(aws, account_id, region)
        try:
            rows = await table.fetch(ctx, self.columns.get(table.name))
        except asyncio.CancelledError:
            raise
        except Broken as broken:  # named once, however many units it stops
            self._incomplete.add(table.name)
            if broken.key not in self._named:
                self._named.add(broken.key)
                self.errors.append(broken.error_row())
            return []
        except Exception as exc:  # recorded in inv.errors, never dropped
            self._incomplete.add(table.name)
            self.errors.append(
                {
                    "account_id": account_id,
                    "region": region,
                    "table": table.name,
                    "service": table.service,
                    "error_code": error_code(exc),
                    "message": error_message(exc),
                }
            )
            return []
        return [{"account_id": account_id, "region": region, **row} for row in rows]


def stream(
    scope: Scope,
    services: Iterable[str] | str | None = None,
    tables: Iterable[str] | str | None = None,
    *,
    progress: bool = True,
    columns: Mapping[str, Iterable[str]] | Iterable[str] | None = None,
    sink: Sink | None = None,
) -> Collection:
    """Yield each (table name, DataFrame) as soon as the table is complete (with a ``sink``,
    the rows went to it and the frame is empty: ``Collection``)."""
    return Collection(scope, services, tables, progress=progress, columns=columns, sink=sink)


def _columns_by_table(
    columns: Mapping[str, Iterable[str]] | Iterable[str] | None, tables: list[Table]
) -> dict[str, list[str]]:
    """``{"s3.buckets": ["versioning"]}`` or ``["s3.buckets.versioning"]``: per table, the
    columns asked for (a table not named gets all of its columns)."""
    if columns is None:
        return {}
    if isinstance(columns, Mapping):
        wanted = {name: list(names) for name, names in columns.items()}
    else:
        wanted = {}
        for dotted in [columns] if isinstance(columns, str) else columns:
            name, _, column = dotted.rpartition(".")
            wanted.setdefault(name, []).append(column)
    known = {t.name: t for t in tables}
    for name, names in wanted.items():
        if name not in known:
            from .errors import UsageError

            raise UsageError(
                f"Columns were asked of table {name!r}, which this run does not collect; "
                "name it in tables= as well, or ask columns as 'service.table.column'."
            )
        known[name].selected(names)  # an unknown column is a UsageError naming it
    return wanted


async def collect(
    scope: Scope,
    services: Iterable[str] | str | None = None,
    tables: Iterable[str] | str | None = None,
    *,
    progress: bool = True,
    max_age: float | timedelta | str | None = None,
    columns: Mapping[str, Iterable[str]] | Iterable[str] | None = None,
    to: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Inventory:
    """Collect the chosen tables (all by default) across the scope into an Inventory.

    ``columns`` (``{"s3.buckets": ["versioning"]}`` or ``["s3.buckets.versioning"]``) narrows
    a table to those columns (plus account, region and key): hydrates that no asked column
    needs are never called.

    ``max_age`` (seconds, a timedelta, or "10m"/"2h"): reuse a snapshot of the same scope and
    tables younger than that from the user's cache directory instead of calling AWS, and store
    this run's for the next one.

    ``to``: write the snapshot there as the run goes (format 2, a Parquet partition per table
    and account, written as soon as that account's part of the table is read: memory holds
    no more than that, ``toolkit.partitions``) and return it loaded lazily (``Inventory.load``).
    It replaces a snapshot there only when the run succeeds; a failed run leaves none.
    ``workers`` (more than 1) spreads the accounts over that many processes of a Dask
    LocalCluster, ``scheduler`` (``tcp://host:port``) over an existing Dask cluster; each
    runs this same engine on its shard (``toolkit.distributed``; the ``distributed`` extra).
    """
    key = None
    spread = workers not in (None, 0, 1) or scheduler is not None
    # A target that cannot take the snapshot fails first; shards write their own partitions.
    writer = None if to is None or spread else _writer(to)
    with writer if writer is not None else contextlib.nullcontext():
        if max_age is not None and columns is None:
            from . import cache

            key = cache.scope_key(scope, services, tables)
            cached = cache.load_cached(key, max_age)
            if cached is not None:
                if to is None:
                    return cached
                if writer is not None:
                    writer.abort()
                return Inventory.load(cached.save(to, partitioned=True))
        if spread:
            from .distributed import collect_distributed

            # The plan (tables and columns, checked here) runs in shards, each through this
            # very function: one engine, however many processes.
            plan = stream(scope, services, tables, progress=progress, columns=columns)
            inventory = await collect_distributed(
                plan, collect, workers=workers, scheduler=scheduler, to=to
            )
        else:
            sink = writer.write if writer is not None else None
            run = stream(scope, services, tables, progress=progress, columns=columns, sink=sink)
            frames = {name: frame async for name, frame in run}
            errors = pd.DataFrame.from_records(run.errors, columns=list(ERROR_COLUMNS))
            if writer is None:
                inventory = Inventory(dict(sorted(frames.items())), errors, run.meta)
            else:
                errors = conform(errors, ERROR_COLUMNS)  # the declared dtypes, as saved
                inventory = Inventory.load(writer.finish(frames, errors, run.meta))
    if key is not None:
        cache.store(key, inventory)
    return inventory


def _writer(to: str | os.PathLike[str]) -> PartitionWriter:
    from .partitions import PartitionWriter

    return PartitionWriter(to)


def collect_sync(
    scope: Scope,
    services: Iterable[str] | str | None = None,
    tables: Iterable[str] | str | None = None,
    *,
    progress: bool = True,
    max_age: float | timedelta | str | None = None,
    columns: Mapping[str, Iterable[str]] | Iterable[str] | None = None,
    to: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Inventory:
    """``collect`` for plain scripts, widget callbacks and running loops (Jupyter)."""
    from ._sync import run_sync

    return run_sync(
        collect(
            scope,
            services,
            tables,
            progress=progress,
            max_age=max_age,
            columns=columns,
            to=to,
            workers=workers,
            scheduler=scheduler,
        )
    )


async def _regions(aws: AwsSession) -> list[str]:
    """The scope's regions, or every region enabled for the caller's account."""
    if aws.scope.regions:
        return list(aws.scope.regions)
    client = await aws.client("ec2", aws.caller_account, aws.home_region)
    answer = await aws.call(client, "describe_regions")
    return sorted(
        r["RegionName"]
        for r in answer["Regions"]
        if r.get("OptInStatus", "opt-in-not-required") != "not-opted-in"
    )


def accounts_at_once(scope: Scope) -> int:
    """Accounts a run streaming to disk reads at once (``account_gate``): enough to keep the
    run's ``max_concurrency`` busy, few enough that memory does not grow with the estate."""
    return max(4, scope.max_concurrency // 4)


def _units(
    table: Table, caller: str, accounts: list[str], regions: list[str]
) -> list[tuple[str, str]]:
    if table.where == "organization":
        return [(caller, GLOBAL_REGION)]
    if table.where == "global":
        return [(account, GLOBAL_REGION) for account in accounts]
    return [(account, region) for account in accounts for region in regions]


def _progress_bar(total: int, enabled: bool) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="collect", unit="table", disable=not enabled, leave=False)
