"""Tables as data: one declaration gives a table's schema, its docs and its plan of API calls.

After Steampipe's table definitions (see STYLE.md). A table names where it is read
(``organization``: once, from the management account; ``global``: once per account;
``regional``: per account and region), its list step (the call that finds the items, with the
IAM actions it uses), its per-item hydrate steps (each with its IAM actions and the hydrates it
waits for), and its columns, each naming its source: ``"list"`` or a hydrate. From that follow
the DataFrame schema, ``docs/collectors.md``, the least-privilege policy and the call list
(``Table.calls``), and which hydrates a run can skip: a hydrate none of whose columns was asked
for is never called (``collect(..., columns=...)``).

A row key that is not a declared column is an error naming the table and the key, never
silently dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ..aws.session import AwsSession
    from ..scope import Scope

Where = Literal["organization", "global", "regional"]
LIST = "list"

REGISTRY: dict[str, Table] = {}


class TableDefinitionError(ValueError):
    """A table's declaration or its rows disagree (a programming error, named precisely)."""


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    doc: str
    #: Where the value comes from: ``"list"`` (the list step) or the name of a hydrate.
    source: str = LIST


#: Every row's first two columns; a table may redeclare them to give another source.
COMMON_COLUMNS: tuple[Column, ...] = (
    Column("account_id", "string", "The account the row was read from."),
    Column("region", "string", "The row's region; 'global' for global services."),
)


@dataclass
class TableContext:
    """What a table's steps get: the run's session and where to read."""

    aws: AwsSession
    account_id: str
    region: str

    async def client(self, service: str, region: str | None = None) -> Any:
        return await self.aws.client(service, self.account_id, region or self.region)


ListFetch = Callable[[TableContext], Awaitable[list[dict[str, Any]]]]
#: A hydrate gets one item (the list step's fields plus what the hydrates it waits for added)
#: and returns its columns; ``None`` drops the item (it is outside the scope).
HydrateFetch = Callable[[TableContext, dict[str, Any]], Awaitable[dict[str, Any] | None]]


@dataclass(frozen=True)
class ListStep:
    """The call that finds a table's items, with the IAM actions it uses."""

    actions: tuple[str, ...]
    fetch: ListFetch


@dataclass(frozen=True)
class Hydrate:
    """A per-item step: runs only when a requested column (or a needed hydrate) needs it."""

    name: str
    actions: tuple[str, ...]
    fetch: HydrateFetch
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    where: Where
    columns: tuple[Column, ...]
    list: ListStep
    hydrates: tuple[Hydrate, ...] = ()
    doc: str = ""
    key: tuple[str, ...] = field(default=())
    #: The module that declares it (its docstring describes the service in the docs).
    module: str = ""
    #: Columns that move with use or time, not with configuration (last used, last delivery,
    #: age): ``toolkit.diff`` leaves them out unless asked (``activity=True``).
    activity: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        hydrates = {h.name for h in self.hydrates}
        names = [c.name for c in self.columns]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise TableDefinitionError(f"{self.name}: column(s) declared twice: {duplicated}")
        for column in self.columns:
            if column.source != LIST and column.source not in hydrates:
                raise TableDefinitionError(
                    f"{self.name}.{column.name}: source {column.source!r} is neither 'list' nor "
                    f"a hydrate of the table ({', '.join(sorted(hydrates)) or 'none'})"
                )
        for hydrate in self.hydrates:
            unknown = set(hydrate.depends_on) - hydrates
            if unknown:
                raise TableDefinitionError(
                    f"{self.name}: hydrate {hydrate.name!r} waits for unknown {sorted(unknown)}"
                )
        for name in self.key:
            if name not in names:
                raise TableDefinitionError(f"{self.name}: key column {name!r} is not declared")
        for name in self.activity:
            if name not in names:
                raise TableDefinitionError(f"{self.name}: activity column {name!r} is not declared")

    @property
    def service(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def calls(self) -> tuple[str, ...]:
        """Every IAM action the table may use, derived from its steps."""
        actions = [*self.list.actions, *(a for h in self.hydrates for a in h.actions)]
        return tuple(dict.fromkeys(actions))

    @property
    def dtypes(self) -> dict[str, str]:
        return {column.name: column.dtype for column in self.columns}

    def hydrates_for(self, columns: Iterable[str] | None) -> tuple[Hydrate, ...]:
        """The hydrates that ``columns`` (all when None) need, with those they wait for, in
        declaration order."""
        if columns is None:
            return self.hydrates
        by_name = {h.name: h for h in self.hydrates}
        wanted = set(columns)
        needed = {c.source for c in self.columns if c.name in wanted and c.source != LIST}
        pending = list(needed)
        while pending:
            for dependency in by_name[pending.pop()].depends_on:
                if dependency not in needed:
                    needed.add(dependency)
                    pending.append(dependency)
        return tuple(h for h in self.hydrates if h.name in needed)

    def selected(self, columns: Iterable[str] | None) -> list[str]:
        """The columns a frame holds for ``columns`` asked: those, plus account, region, key."""
        if columns is None:
            return [c.name for c in self.columns]
        always = {"account_id", "region", *self.key}
        unknown = sorted(set(columns) - set(self.dtypes))
        if unknown:
            from ..errors import UsageError

            raise UsageError(
                f"Table {self.name} has no column {', '.join(map(repr, unknown))}; its columns "
                f"are {', '.join(self.dtypes)}."
            )
        wanted = set(columns) | always
        return [c.name for c in self.columns if c.name in wanted]

    async def fetch(
        self, ctx: TableContext, columns: Iterable[str] | None = None
    ) -> list[dict[str, Any]]:
        """The rows of one (account, region): the list step, then the needed hydrates per item."""
        items = await self.list.fetch(ctx)
        hydrates = self.hydrates_for(columns)
        if hydrates:
            hydrated = await asyncio.gather(*(_hydrate(ctx, item, hydrates) for item in items))
            items = [item for item in hydrated if item is not None]
        declared = self.dtypes
        for item in items:
            for key in item:
                if key not in declared:
                    raise TableDefinitionError(
                        f"{self.name}: a row has key {key!r}, which is not a declared column"
                    )
        return items

    def empty(self) -> pd.DataFrame:
        return self.frame([])

    def frame(
        self, rows: Iterable[Mapping[str, Any]], columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """Rows as a DataFrame with exactly the declared (or selected) columns and dtypes."""
        import pandas as pd

        names = self.selected(columns)
        data = pd.DataFrame.from_records(list(rows), columns=names)
        return conform(data, {name: self.dtypes[name] for name in names})

    async def __call__(self, scope: Scope, **options: Any) -> pd.DataFrame:
        """Collect just this table for ``scope``; errors are in ``df.attrs['errors']``.

        Through the public ``toolkit.collect``: the engine is the layer above the tables."""
        from .. import collect

        inventory = await collect(scope, tables=[self.name], **options)
        frame = inventory[self.name]
        frame.attrs["errors"] = inventory.errors
        return frame


async def _hydrate(
    ctx: TableContext, item: dict[str, Any], hydrates: tuple[Hydrate, ...]
) -> dict[str, Any] | None:
    """Run ``hydrates`` on one item, each as soon as those it waits for are done."""
    row = dict(item)
    done: dict[str, asyncio.Future[None]] = {}
    dropped = False

    async def run(hydrate: Hydrate) -> None:
        nonlocal dropped
        await asyncio.gather(*(done[d] for d in hydrate.depends_on if d in done))
        if dropped:
            return
        values = await hydrate.fetch(ctx, row)
        if values is None:
            dropped = True
        else:
            row.update(values)

    for hydrate in _in_dependency_order(hydrates):
        done[hydrate.name] = asyncio.ensure_future(run(hydrate))
    try:
        await asyncio.gather(*done.values())
    except BaseException:
        for future in done.values():
            future.cancel()
        await asyncio.gather(*done.values(), return_exceptions=True)
        raise
    return None if dropped else row


def _in_dependency_order(hydrates: tuple[Hydrate, ...]) -> list[Hydrate]:
    ordered: list[Hydrate] = []
    placed: set[str] = set()
    remaining = list(hydrates)
    while remaining:
        ready = [h for h in remaining if set(h.depends_on) <= placed]
        if not ready:
            raise TableDefinitionError(
                f"hydrates wait for each other: {[h.name for h in remaining]}"
            )
        for hydrate in ready:
            ordered.append(hydrate)
            placed.add(hydrate.name)
            remaining.remove(hydrate)
    return ordered


def conform(data: pd.DataFrame, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """Cast each column to its declared dtype (timestamps to tz-aware UTC)."""
    import pandas as pd

    out = {}
    for name, dtype in dtypes.items():
        column = data[name] if name in data else pd.Series([None] * len(data), dtype="object")
        if dtype.startswith("datetime64"):
            out[name] = pd.to_datetime(column, utc=True).astype(dtype)
        else:
            out[name] = column.astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(data)))


def _column(spec: Column | tuple[str, ...]) -> Column:
    return spec if isinstance(spec, Column) else Column(*spec)


def declare(
    name: str,
    *,
    where: Where,
    list: ListStep,
    columns: Iterable[Column | tuple[str, ...]],
    hydrates: Iterable[Hydrate] = (),
    key: Iterable[str] = (),
    doc: str = "",
    module: str = "",
    activity: Iterable[str] = (),
) -> Table:
    """Declare and register a table; common columns come first unless redeclared."""
    declared = [_column(spec) for spec in columns]
    own = {c.name for c in declared}
    common = [c for c in COMMON_COLUMNS if c.name not in own]
    entry = Table(
        name,
        where,
        (*common, *declared),
        list,
        tuple(hydrates),
        doc.strip(),
        tuple(key),
        module or list.fetch.__module__,
        tuple(activity),
    )
    REGISTRY[name] = entry
    return entry


def table(
    name: str,
    *,
    where: Where,
    columns: Iterable[Column | tuple[str, ...]],
    calls: Iterable[str],
    key: Iterable[str] = (),
    hydrates: Iterable[Hydrate] = (),
    activity: Iterable[str] = (),
) -> Callable[[ListFetch], Table]:
    """Declare a table whose decorated coroutine is its list step (``calls``: its actions)."""

    def register(fetch: ListFetch) -> Table:
        return declare(
            name,
            where=where,
            list=ListStep(tuple(calls), fetch),
            columns=columns,
            hydrates=hydrates,
            key=key,
            doc=fetch.__doc__ or "",
            activity=activity,
        )

    return register


def bool_or_none(value: Any) -> bool | None:
    return None if value is None else bool(value)
