"""Collection spread over Dask distributed workers: the accounts in shards, one task per shard.

``collect(scope, workers=N)`` starts a Dask ``LocalCluster`` of N processes (loopback only, no
dashboard, logs below errors silenced, closed at the end whatever happens); ``collect(scope,
scheduler="tcp://host:port")`` uses an existing cluster. This process resolves the caller and the
scope's accounts once, cuts the accounts into shards in their order, and submits one task per
shard. Each task runs the engine's own ``collect`` (passed in by the engine: there is no second
engine) on ``scope.replace(accounts=<its accounts>)`` and writes its partitions into a fresh
attempt folder as it reads them; a task whose worker died is run again by Dask (its ``allowed-failures``) into a
new folder, so a half-written one is never read. The finished shards' partitions are linked into
one format-2 snapshot (``partitions.merge_partitioned``), errors concatenated, call counts summed.

Shards: twice as many as worker slots (so a worker that finishes early takes another shard while
a slow one still runs, and a worker lost costs half a slot's work), and at most
``MAX_SHARD_ACCOUNTS`` accounts each (a shard lost costs no more than that).
Tables read once from the caller's account (``where == "organization"``) go to exactly one shard,
the smallest. Regions are left as the scope gives them, so that every shard reads them as one
process would (``None``: each shard asks for the enabled regions itself).

The workers read everything from the scope they are sent, endpoint and credentials included
(credentials are never logged or written; they cross the cluster's connections, so give a remote
cluster TLS); a worker with no credentials in its scope uses its own (profile, environment,
instance role) and must be the same caller as this process, which is checked. Workers of an
existing cluster must see the folder the shards are written to (``to``'s folder, or ``TMPDIR``).
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import __version__
from .aws.organization import scope_accounts
from .aws.session import AwsSession
from .errors import ToolkitError, UsageError
from .inventory import ERROR_COLUMNS, Inventory
from .partitions import merge_partitioned
from .scope import Scope
from .snapshot import MANIFEST, read_snapshot

if TYPE_CHECKING:
    from .engine import Collection

INSTALL = "pip install 'aws-estate-toolkit[distributed]'"
#: Shards per worker slot: enough to balance uneven accounts, few enough to keep each busy.
SHARDS_PER_SLOT = 2
#: At most this many accounts in one shard (a shard's inventory is in memory until written).
MAX_SHARD_ACCOUNTS = 50
#: Meta entries summed over the shards (and this process's own calls).
SUMMED = ("api_calls_total", "http_attempts_total", "retries", "short_circuited_calls")
COUNTED = ("api_calls", "api_calls_by_table", "api_calls_by_region")


@dataclass(frozen=True)
class Shard:
    """One task: the accounts and tables it reads, and the folder its attempts write into."""

    index: int
    scope: Scope
    tables: tuple[str, ...]
    columns: dict[str, list[str]] | None
    staging: str


def dask() -> Any:
    """The ``distributed`` module, or a UsageError naming how to install it."""
    try:
        import distributed
    except ImportError:
        raise UsageError(
            f"Collecting with workers needs Dask distributed, which is not installed; install "
            f"it with {INSTALL}."
        ) from None
    return distributed


def plan_shards(
    accounts: Sequence[str], tables: Sequence[Any], slots: int
) -> list[tuple[list[str], list[str]]]:
    """(accounts, table names) of each shard: the accounts cut in order into contiguous shards,
    the organization's tables with the smallest shard only."""
    once = [t.name for t in tables if t.where == "organization"]
    each = [t.name for t in tables if t.where != "organization"]
    if not each:
        return [(list(accounts), once)]
    count = max(SHARDS_PER_SLOT * slots, math.ceil(len(accounts) / MAX_SHARD_ACCOUNTS))
    count = max(1, min(len(accounts), count))
    size, extra = divmod(len(accounts), count)
    shards, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        shards.append((list(accounts[start:end]), list(each)))
        start = end
    if once:
        smallest = min(range(count), key=lambda i: (len(shards[i][0]), -i))
        shards[smallest][1].extend(once)
    return shards


def run_shard(shard: Shard, collect: Callable[..., Any]) -> dict[str, Any]:
    """A worker's task: the engine's ``collect`` on the shard, its partitions written into a
    new attempt folder (a retried task never reuses a folder a dead worker half wrote)."""
    attempt = Path(tempfile.mkdtemp(prefix=f"shard-{shard.index:05d}-", dir=shard.staging))
    path = attempt / "snapshot"
    inventory = asyncio.run(
        collect(
            shard.scope,
            tables=list(shard.tables),
            progress=False,
            columns=shard.columns,
            to=path,  # each account's partitions written as they are read
        )
    )
    return {
        "index": shard.index,
        "path": str(path),
        "errors": inventory.errors,
        "meta": inventory.meta,
    }


async def collect_distributed(
    plan: Collection,
    collect: Callable[..., Any],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    to: str | os.PathLike[str] | None = None,
) -> Inventory:
    """The inventory of ``plan`` (the engine's run, tables and columns checked), collected by
    ``collect`` in shards over a Dask cluster: a LocalCluster of ``workers`` processes, or the
    one at ``scheduler``. Written to ``to`` (a format-2 snapshot) when given, else in memory."""
    if scheduler is not None and workers not in (None, 0, 1):
        raise UsageError("Give workers or a scheduler, not both: a cluster has its own workers.")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)):
        raise UsageError(f"workers must be a whole number of processes, not {workers!r}.")
    if workers is not None and workers < 0:
        raise UsageError(
            f"workers must not be negative ({workers}); give 2 or more, or 0 for none."
        )
    dask()  # missing: one sentence, before any call to AWS
    started, clock = datetime.now(UTC), time.perf_counter()
    async with AwsSession(plan.scope) as aws:
        accounts = await scope_accounts(aws)
        caller, own_calls = aws.caller_account, aws.run_meta()
    staging = _staging_root(to)
    cluster = ClusterRun(workers, scheduler, plan.progress)
    try:
        results = await asyncio.to_thread(cluster.run, plan, accounts, collect, staging)
        meta = {
            "toolkit_version": __version__,
            "scope": plan.scope.describe(),
            "caller_account": caller,
            "accounts": accounts,
            "regions": _regions([r["meta"] for r in results]),
            "tables": [t.name for t in plan.tables],
            "started": started.isoformat(),
            "finished": datetime.now(UTC).isoformat(),
            "seconds": round(time.perf_counter() - clock, 3),
            **merge_meta([own_calls, *(r["meta"] for r in results)]),
            "workers": cluster.slots,
            "shards": len(results),
            "shard_attempts": _attempts(staging, len(results)),
        }
        _same_caller(caller, results)
        errors = merge_errors([r["errors"] for r in results])
        sources = [Path(r["path"]) for r in results]
        unseen = [str(path) for path in sources if not (path / MANIFEST).is_file()]
        if unseen:
            raise UsageError(
                f"The workers wrote their shards where this process cannot read them "
                f"({unseen[0]}); set TMPDIR to a folder every worker and this machine share."
            )
        target = Path(to) if to is not None else staging / "merged"
        merge_partitioned(sources, target, errors=errors, meta=meta)
        if to is not None:
            return Inventory.load(target)
        frames, errors, meta = read_snapshot(target)
        return Inventory(frames, errors, meta)
    except asyncio.CancelledError:
        cluster.cancel()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class ClusterRun:
    """The Dask side of one run, in a thread of its own: the cluster (started here and closed
    at the end, or an existing one), one task per shard, a progress bar over shards."""

    def __init__(self, workers: int | None, scheduler: str | None, progress: bool) -> None:
        self.workers = workers or 0
        self.scheduler = scheduler
        self.progress = progress
        self.slots = 0
        self._client: Any = None
        self._futures: list[Any] = []
        self._cancelled = threading.Event()

    def run(
        self, plan: Collection, accounts: list[str], collect: Callable[..., Any], staging: Path
    ) -> list[dict[str, Any]]:
        """Every shard's result (in shard order), once all have finished."""
        distributed = dask()
        columns = dict(plan.columns)
        shards_planned = plan_shards(accounts, plan.tables, max(self.workers, 1))
        with self._connect(distributed, len(shards_planned)) as client:
            if self.scheduler is not None:  # the cluster's own slots decide the shard count
                shards_planned = plan_shards(accounts, plan.tables, self.slots)
            shards = [
                Shard(
                    index,
                    plan.scope.replace(accounts=shard_accounts),
                    tuple(names),
                    {n: columns[n] for n in names if n in columns} or None,
                    str(staging),
                )
                for index, (shard_accounts, names) in enumerate(shards_planned)
            ]
            run_id = uuid.uuid4().hex[:8]
            self._futures = [
                client.submit(
                    run_shard,
                    shard,
                    collect,
                    key=f"toolkit-shard-{run_id}-{shard.index}",
                    pure=False,
                )
                for shard in shards
            ]
            return self._gather(distributed, client, len(shards))

    def _gather(self, distributed: Any, client: Any, count: int) -> list[dict[str, Any]]:
        from tqdm.auto import tqdm

        results: dict[int, dict[str, Any]] = {}
        bar = tqdm(
            total=count, desc="collect", unit="shard", disable=not self.progress, leave=False
        )
        try:
            for future in distributed.as_completed(self._futures, loop=client.loop):
                if self._cancelled.is_set():
                    break
                try:
                    result = future.result()
                except distributed.KilledWorker as exc:
                    raise ToolkitError(
                        f"A shard of the collection lost its worker too many times ({exc}); "
                        "check the workers' memory and logs, then collect again."
                    ) from None
                future.cancel()  # its result is here: a worker lost later must not redo it
                results[result["index"]] = result
                bar.update(1)
                bar.set_postfix_str(
                    f"errors={sum(len(r['errors']) for r in results.values())}", refresh=False
                )
        finally:
            bar.close()
            for future in self._futures:
                future.cancel()
        if self._cancelled.is_set():
            raise asyncio.CancelledError()
        return [results[index] for index in sorted(results)]

    def _connect(self, distributed: Any, shards: int) -> Any:
        import contextlib

        @contextlib.contextmanager
        def connected() -> Any:
            with contextlib.ExitStack() as stack:
                if self.scheduler is None:
                    cluster = stack.enter_context(
                        distributed.LocalCluster(
                            n_workers=max(1, min(self.workers, shards)),
                            threads_per_worker=1,
                            processes=True,
                            host="127.0.0.1",
                            # its HTTP routes on a free loopback port; no dashboard
                            dashboard_address="127.0.0.1:0",
                            scheduler_kwargs={"dashboard": False},
                            silence_logs=logging.ERROR,
                        )
                    )
                    client = stack.enter_context(distributed.Client(cluster, set_as_default=False))
                else:
                    try:
                        client = stack.enter_context(
                            distributed.Client(self.scheduler, timeout="10s", set_as_default=False)
                        )
                        client.wait_for_workers(1, timeout=30)
                    except (OSError, TimeoutError) as exc:
                        raise UsageError(
                            f"Cannot use the Dask scheduler at {self.scheduler} ({exc}); start "
                            "one with 'dask scheduler' and its workers, or check the address."
                        ) from None
                self.slots = sum(client.nthreads().values()) or 1
                self._client = client
                yield client

        return connected()

    def cancel(self) -> None:
        """Stop from another thread (the caller's task was cancelled): nothing more is run."""
        self._cancelled.set()
        if self._client is not None:
            for future in self._futures:
                future.cancel()


def merge_meta(metas: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Call counts, retries and breakers of several runs (the shards and this process), summed."""
    merged: dict[str, Any] = {key: sum(int(m.get(key, 0)) for m in metas) for key in SUMMED}
    for key in COUNTED:
        total: Counter[str] = Counter()
        for meta in metas:
            total.update(meta.get(key, {}))
        merged[key] = dict(sorted(total.items()))
    merged["breakers_tripped"] = sorted({b for m in metas for b in m.get("breakers_tripped", [])})
    return merged


def merge_errors(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The shards' errors, in shard order; a failure of the whole endpoint (account ``*``),
    which every shard meets, once."""
    parts = [frame for frame in frames if len(frame)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in ERROR_COLUMNS.items()})
    errors = pd.concat(parts, ignore_index=True)
    shared = errors["account_id"].eq("*") & errors.duplicated(keep="first")
    return errors[~shared].reset_index(drop=True)


def _staging_root(to: str | os.PathLike[str] | None) -> Path:
    """A new owner-only folder for the shards' attempts: beside ``to`` (same file system, so
    merging moves files), else in the temporary folder."""
    if to is None:
        return Path(tempfile.mkdtemp(prefix="toolkit-shards-"))
    target = Path(to)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.shards-", dir=target.parent))


def _regions(metas: Sequence[Mapping[str, Any]]) -> list[str]:
    """The regions the shards read (the same in each, unless the enabled ones changed)."""
    first = list(metas[0].get("regions", [])) if metas else []
    if all(list(m.get("regions", [])) == first for m in metas):
        return first
    return sorted({r for m in metas for r in m.get("regions", [])})


def _attempts(staging: Path, count: int) -> list[int]:
    """Attempts per shard: its folders (more than one when a worker died running it)."""
    made = Counter(p.name.split("-")[1] for p in staging.glob("shard-*") if p.is_dir())
    return [made.get(f"{index:05d}", 0) for index in range(count)]


def _same_caller(caller: str, results: Sequence[Mapping[str, Any]]) -> None:
    others = sorted({r["meta"].get("caller_account") for r in results} - {caller})
    if others:
        raise UsageError(
            f"The workers ran as account {', '.join(map(str, others))}, this process as {caller}; "
            "give the workers the same credentials (or pass them in the Scope)."
        )
