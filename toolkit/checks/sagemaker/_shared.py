"""What the SageMaker checks share: a flag column read as it is, with unread cells apart."""

from __future__ import annotations

import pandas as pd

#: The detail of a resource whose Describe call was not collected.
NOT_READ = "settings not read (its Describe call not collected)"


def flag(column: pd.Series) -> pd.Series:
    """A nullable boolean column as plain booleans; unread (null) cells are False."""
    return column.astype("boolean").fillna(False).astype(bool)


def explained(read: pd.Series, on: pd.Series, when_on: str, when_off: str) -> pd.Series:
    """One detail per row: ``when_on`` or ``when_off`` by ``on``, NOT_READ where not ``read``."""
    detail = pd.Series(when_off, index=on.index, dtype="string").where(~on, when_on)
    return detail.where(read, NOT_READ)
