"""Tables as data: one declaration gives a table's schema, its docs and its API calls.

After Steampipe's table definitions: a table names its columns (name, dtype, doc), where it is
read (``organization``: once, from the management account; ``global``: once per account;
``regional``: per account and region) and the IAM actions it calls. The decorated function
fetches rows for one (account, region); called with a Scope it is the user-facing awaitable
that returns the table's DataFrame.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ..aws.session import AwsSession
    from ..scope import Scope

Where = Literal["organization", "global", "regional"]

#: Every row's first two columns.
COMMON_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("account_id", "string", "The account the row was read from."),
    ("region", "string", "The row's region; 'global' for global services."),
)

REGISTRY: dict[str, Table] = {}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    doc: str


@dataclass
class TableContext:
    """What a table's fetch function gets: the run's session and where to read."""

    aws: AwsSession
    account_id: str
    region: str

    async def client(self, service: str, region: str | None = None) -> Any:
        return await self.aws.client(service, self.account_id, region or self.region)


Fetch = Callable[[TableContext], Awaitable[list[dict[str, Any]]]]


@dataclass(frozen=True)
class Table:
    name: str
    where: Where
    columns: tuple[Column, ...]
    fetch: Fetch
    calls: tuple[str, ...]
    doc: str = ""
    key: tuple[str, ...] = field(default=())

    @property
    def service(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def dtypes(self) -> dict[str, str]:
        return {column.name: column.dtype for column in self.columns}

    def empty(self) -> pd.DataFrame:
        return self.frame([])

    def frame(self, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
        """Rows as a DataFrame with exactly the declared columns and dtypes."""
        import pandas as pd

        columns = [column.name for column in self.columns]
        data = pd.DataFrame.from_records(list(rows), columns=columns)
        return conform(data, self.dtypes)

    async def __call__(self, scope: Scope, **options: Any) -> pd.DataFrame:
        """Collect just this table for ``scope``; errors are in ``df.attrs['errors']``."""
        from ..engine import collect

        inventory = await collect(scope, tables=[self.name], **options)
        frame = inventory[self.name]
        frame.attrs["errors"] = inventory.errors
        return frame


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


def table(
    name: str,
    *,
    where: Where,
    columns: Iterable[tuple[str, str, str]],
    calls: Iterable[str],
    key: Iterable[str] = (),
) -> Callable[[Fetch], Table]:
    """Declare a table; the decorated coroutine fetches its rows for one (account, region)."""

    def register(fetch: Fetch) -> Table:
        declared = tuple(Column(*spec) for spec in (*COMMON_COLUMNS, *columns))
        doc = (fetch.__doc__ or "").strip()
        entry = Table(name, where, declared, fetch, tuple(calls), doc, tuple(key))
        REGISTRY[name] = entry
        return entry

    return register


def bool_or_none(value: Any) -> bool | None:
    return None if value is None else bool(value)
