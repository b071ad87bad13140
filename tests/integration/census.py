"""What every collector test asks first of a one-service collection: no errors, exactly the
table, its declared columns in order, and no key repeated."""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory


def assert_one_clean_table(inventory: Inventory, table: str, key: Sequence[str]) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert list(inventory.tables) == [table]
    frame = inventory[table]
    assert list(frame.columns) == [c.name for c in REGISTRY[table].columns]
    assert not frame.duplicated(list(key)).any()
