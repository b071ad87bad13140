"""The inventory row a finding is about, so that a dashboard can show the resource beside the
finding without the reader searching the inventory for it.

A check names the tables it reads (``@check(tables=...)``, in ``toolkit.checks.REGISTRY``); its
findings name the resource by ``resource_id`` and, where AWS has one, ``resource_arn``. The row
is looked for in those tables, in the check's order, among the rows of the finding's account
and region: first by the ARN (the ``arn`` column and ARN columns of the table's key), then by
the resource id in the table's identity columns (its key, and its first own column, which is
the resource's id or name: ``function_name``, ``name``, ``instance_id``), and the id an ARN
ends with (``detector/<detector_id>``). A finding about
an account's setting (a password policy, a detector) is the one row its account and region
have in a table keyed by account and region alone, or, when its resource is the account
itself, in any table with one row there. The first table with a match wins; a table
may hold several rows of one resource (a network ACL has one per rule).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from ..rowmatch import as_text
from ._common import html_table, text

if TYPE_CHECKING:
    from ..collectors.base import Table

#: Columns every row has; they place a row, they do not name its resource.
PLACE_COLUMNS = ("account_id", "region")


class ResourceRow(NamedTuple):
    """``(table, row)``: the table the resource was found in and its (first) row."""

    table: str
    row: pd.Series


def resource_rows(
    inventory: Mapping[str, pd.DataFrame], finding: Mapping[str, Any]
) -> tuple[str, pd.DataFrame] | None:
    """Every row of the first table (of those the finding's check reads) that holds the
    finding's resource, with the table's name; None when no table does."""
    tables = _tables_of(finding)
    for match in (_by_resource, _by_place):
        for name in tables:
            frame = inventory.get(name)
            if frame is None or not len(frame):
                continue
            rows = match(_placed(frame, finding), _declaration(name), finding)
            if rows is not None and len(rows):
                return name, _most_relevant_first(rows, text(finding.get("detail")))
    return None


def resource_row(
    inventory: Mapping[str, pd.DataFrame], finding: Mapping[str, Any]
) -> ResourceRow | None:
    """The finding's resource as ``(table, row)`` (the first of its rows), or None."""
    found = resource_rows(inventory, finding)
    if found is None:
        return None
    name, rows = found
    return ResourceRow(name, rows.iloc[0])


def resource_row_html(inventory: Mapping[str, pd.DataFrame], finding: Mapping[str, Any]) -> str:
    """The finding's inventory row as a two-column table (column, value), headed by its table;
    "no inventory row" and the tables looked in when there is none."""
    found = resource_rows(inventory, finding)
    if found is None:
        looked = ", ".join(_tables_of(finding)) or "none"
        return (
            "<p class='toolkit-resource-row'><b>Inventory row</b>: no inventory row for this "
            f"resource (looked in {html.escape(looked)}).</p>"
        )
    name, rows = found
    first = rows.iloc[:1]  # each value as its column writes it: lists as JSON, times ISO
    values = [as_text(first[column]).fillna("").iloc[0] for column in first.columns]
    pairs = pd.DataFrame({"column": [str(c) for c in first.columns], "value": values})
    more = f", the first of {len(rows)} rows" if len(rows) > 1 else ""
    return (
        f"<div class='toolkit-resource-row'><p><b>Inventory row</b>: "
        f"<code>{html.escape(name)}</code>{more}</p>{html_table(pairs, max_chars=300)}</div>"
    )


def _tables_of(finding: Mapping[str, Any]) -> list[str]:
    """The tables the finding's check reads; for a check not registered, its service's."""
    from ..checks import REGISTRY, load_builtin
    from ..collectors import REGISTRY as TABLES

    check_id = text(finding.get("check_id"))
    if check_id not in REGISTRY:
        load_builtin()
    entry = REGISTRY.get(check_id)
    if entry is not None:
        return list(entry.tables)
    service = text(finding.get("service"))
    return sorted(name for name in TABLES if name.split(".", 1)[0] == service)


def _declaration(name: str) -> Table | None:
    from ..collectors import REGISTRY as TABLES

    return TABLES.get(name)


def _placed(frame: pd.DataFrame, finding: Mapping[str, Any]) -> pd.DataFrame:
    """The rows of the finding's account and region (where the finding and table say)."""
    selected = pd.Series(True, index=frame.index)
    for column in PLACE_COLUMNS:
        value = text(finding.get(column))
        if value and column in frame.columns:
            selected &= (frame[column].astype("string") == value).fillna(False).astype(bool)
    return frame[selected]


def _by_resource(
    frame: pd.DataFrame, table: Table | None, finding: Mapping[str, Any]
) -> pd.DataFrame | None:
    """Rows whose ARN is the finding's ARN, else whose identity column holds its id."""
    key = [c for c in (table.key if table else ()) if c not in PLACE_COLUMNS]
    arn = text(finding.get("resource_arn"))
    if arn:
        arn_columns = [c for c in ("arn", *key) if c == "arn" or c.endswith("_arn")]
        for column in dict.fromkeys(arn_columns):
            rows = _equal(frame, column, arn)
            if rows is not None:
                return rows
    own = [c for c in frame.columns if c not in PLACE_COLUMNS][:1]
    for resource in _names(finding):
        for column in dict.fromkeys([*key, *own, "arn"]):
            rows = _equal(frame, column, resource)
            if rows is not None:
                return rows
    return None


def _names(finding: Mapping[str, Any]) -> list[str]:
    """The resource id, then the id an ARN ends with (a GuardDuty detector's ARN names the
    detector_id its features are listed by)."""
    names = [text(finding.get("resource_id"))]
    for value in (finding.get("resource_arn"), finding.get("resource_id")):
        arn = text(value)
        if arn.startswith("arn:"):
            names.append(arn.rsplit(":", 1)[-1].rsplit("/", 1)[-1])
    return [name for name in dict.fromkeys(names) if name]


def _by_place(
    frame: pd.DataFrame, table: Table | None, finding: Mapping[str, Any]
) -> pd.DataFrame | None:
    """An account-wide finding's row: the one row of its account and region in a table keyed
    by account (and region), or, for a finding whose resource is the account itself, in any
    table that holds one row there (the account's Config recorder)."""
    account = text(finding.get("account_id"))
    if not account or len(frame) != 1:
        return None
    keyed_by_place = table is not None and bool(table.key) and set(table.key) <= set(PLACE_COLUMNS)
    about_the_account = text(finding.get("resource_id")) == account
    return frame if keyed_by_place or about_the_account else None


def _most_relevant_first(rows: pd.DataFrame, detail: str) -> pd.DataFrame:
    """Several rows of one resource (a detector's features, an ACL's rules) ordered by how many
    of their values the finding's detail names, so the row shown is the one it is about."""
    if len(rows) < 2 or not detail:
        return rows
    own = rows.drop(columns=[c for c in PLACE_COLUMNS if c in rows.columns])
    scores = [
        sum(len(v) >= 3 and v in detail for v in map(text, values) if v)
        for values in own.itertuples(index=False)
    ]
    order = sorted(range(len(rows)), key=lambda n: -scores[n])
    return rows.iloc[order]


def _equal(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame | None:
    if column not in frame.columns:
        return None
    mask = (frame[column].astype("string") == value).fillna(False).astype(bool)
    return frame[mask] if mask.any() else None
