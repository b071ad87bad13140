"""What every part of the network map shares: reading inventory rows, the Internet node's id and
the folding limits of one drawing.

The limits are passed in rather than imported: users tune them as ``network_map.NETWORK_...``
before drawing, and ``network_map.build`` reads them afresh on every call.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from ..inventory import Inventory

INTERNET = "internet"


@dataclass(frozen=True)
class Limits:
    """The thresholds one network map folds by (see the tunables in ``network_map``)."""

    instances_per_subnet: int
    instance_groups: int
    per_kind: int
    security_groups: int
    grid_columns: int
    rule_lines: int


def here(inv: Inventory, name: str, account_id: str, region: str) -> pd.DataFrame:
    """The table's rows of one account and region (empty with no columns if not collected)."""
    if name not in inv.tables:
        return pd.DataFrame()
    frame = inv[name]
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def text(value: object) -> str | None:
    """The value if it is a string, else None (NA, NaN, missing)."""
    return value if isinstance(value, str) else None


def named(row: Any) -> str:
    """A VPC as ``Name (vpc-id)``, or its id alone."""
    name = text(getattr(row, "name", None))
    ident = str(row.vpc_id)
    return f"{name} ({ident})" if name else ident


def json_list(value: object) -> list[str]:
    """A JSON list column's items as strings ([] when empty or unreadable)."""
    if not isinstance(value, str) or not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return [str(v) for v in parsed] if isinstance(parsed, list) else []


def short_key(*parts: object) -> str:
    """A short stable id for a folded node, from what it folds by."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]
