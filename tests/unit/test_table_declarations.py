"""Tables as data: declarations are checked when made, rows are checked against them, and
discovery finds every table declared under toolkit/collectors/."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import pytest

import toolkit.collectors as collectors
from toolkit.collectors.base import (
    Column,
    Hydrate,
    ListStep,
    Table,
    TableContext,
    TableDefinitionError,
)

COLLECTORS = Path(collectors.__file__).parent


async def _items(ctx):
    return [{"name": "a"}, {"name": "b"}]


def _table(columns, hydrates=(), items=_items) -> Table:
    return Table(
        "test.things",
        "global",
        (Column("account_id", "string", ""), Column("region", "string", ""), *columns),
        ListStep(("test:ListThings",), items),
        tuple(hydrates),
        key=("name",),
    )


def test_a_row_key_that_is_not_declared_is_an_error_naming_table_and_key() -> None:
    async def misspelled(ctx):
        return [{"name": "a", "sise": 3}]

    table = _table([Column("name", "string", ""), Column("size", "Int64", "")], items=misspelled)
    with pytest.raises(TableDefinitionError, match=r"test\.things.*'sise'"):
        asyncio.run(table.fetch(TableContext(None, "1", "global")))


def test_a_column_from_an_unknown_hydrate_is_refused() -> None:
    with pytest.raises(TableDefinitionError, match=r"test\.things\.size.*'sizes'"):
        _table([Column("name", "string", ""), Column("size", "Int64", "", "sizes")])


def test_only_the_hydrates_asked_columns_need_are_called() -> None:
    called: list[str] = []

    def hydrate(name, values, depends_on=()):
        async def fetch(ctx, item):
            called.append(f"{name}:{item['name']}")
            return values

        return Hydrate(name, (f"test:Get{name.title()}",), fetch, depends_on)

    table = _table(
        [
            Column("name", "string", ""),
            Column("where", "string", "", "place"),
            Column("size", "Int64", "", "size"),
            Column("colour", "string", "", "colour"),
        ],
        [
            hydrate("place", {"where": "here"}),
            hydrate("size", {"size": 1}, depends_on=("place",)),
            hydrate("colour", {"colour": "red"}),
        ],
    )
    assert table.calls == ("test:ListThings", "test:GetPlace", "test:GetSize", "test:GetColour")
    rows = asyncio.run(table.fetch(TableContext(None, "1", "global"), ["size"]))
    assert sorted(called) == ["place:a", "place:b", "size:a", "size:b"]  # never colour
    assert rows[0] == {"name": "a", "where": "here", "size": 1}
    assert table.selected(["size"]) == ["account_id", "region", "name", "size"]


def test_a_hydrate_returning_none_drops_the_item() -> None:
    async def only_a(ctx, item):
        return None if item["name"] != "a" else {"where": "here"}

    table = _table(
        [Column("name", "string", ""), Column("where", "string", "", "place")],
        [Hydrate("place", ("test:GetPlace",), only_a)],
    )
    rows = asyncio.run(table.fetch(TableContext(None, "1", "global")))
    assert [row["name"] for row in rows] == ["a"]


def _declared_names() -> dict[str, str]:
    """Every table name given to ``table(...)`` or ``declare(...)`` in the collectors' source."""
    found: dict[str, str] = {}
    for path in COLLECTORS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("table", "declare")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and "." in node.args[0].value
            ):
                found[node.args[0].value] = str(path.relative_to(COLLECTORS))
    return found


def test_discovery_finds_every_declared_table() -> None:
    declared = _declared_names()
    builtin = {name for name, t in collectors.REGISTRY.items() if t.module.startswith("toolkit.")}
    missing = sorted(set(declared) - builtin)
    assert missing == [], f"declared but not discovered: {[(n, declared[n]) for n in missing]}"
    assert len(builtin) >= 42


def test_every_table_lives_in_its_own_file() -> None:
    """One table a file: a new table is one new file (see docs/architecture.md)."""
    by_file: dict[str, list[str]] = {}
    for name, path in _declared_names().items():
        by_file.setdefault(path, []).append(name)
    crowded = {path: names for path, names in by_file.items() if len(names) > 1}
    assert crowded == {}
