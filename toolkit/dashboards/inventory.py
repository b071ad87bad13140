"""The inventory dashboard: pick a table, filter it, see where its rows are and page through them.

Filters: account and region (each value with its row count given the other filters; nothing
chosen means all) and free text, matched case-insensitively against any column or one chosen
column. The chart shows the filtered rows by account and by region. Account ids are labelled
with their names when the inventory holds ``organizations.accounts``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from ..accounts import account_names
from ._common import (
    Dashboard,
    Pager,
    as_values,
    bar_chart,
    facet_counts,
    facet_options,
    haystack,
    html_table,
    img_tag,
    keys,
    multi_select,
    set_options,
)

if TYPE_CHECKING:
    from ..inventory import Inventory

ANY_COLUMN = "(any column)"
#: filter attribute -> column
FILTERS = {"account": "account_id", "region": "region"}


class InventoryDashboard(Dashboard):
    """``InventoryDashboard(inv, table="ec2.instances")``: ``table_name`` (Dropdown),
    ``account`` and ``region`` (SelectMultiple), ``search`` and ``column`` are the controls;
    ``view`` is the filtered table, ``page_view`` the rows in ``table``, ``chart_counts``
    what ``chart`` shows."""

    title = "Inventory"

    def __init__(
        self,
        inventory: Inventory,
        table: str | None = None,
        *,
        page_size: int = 20,
        account: str | list[str] | tuple[str, ...] | None = None,
        region: str | list[str] | tuple[str, ...] | None = None,
        search: str = "",
    ) -> None:
        super().__init__()
        self.inventory = inventory
        names = sorted(inventory.tables)
        if not names:
            raise ValueError("The inventory holds no table.")
        if table is None:
            table = next((n for n in names if len(inventory[n])), names[0])
        if table not in inventory.tables:
            raise KeyError(f"No table {table!r} in this inventory; it holds {', '.join(names)}.")
        self.account_names = account_names(inventory)
        self._updating = False
        self._haystacks: dict[str, pd.Series] = {}
        self.frame = inventory[table]
        self.view = self.frame
        self.page_view = self.frame.iloc[:0]
        self.chart_counts: dict[str, pd.Series] = {}
        self._chart_key: Any = None

        # -- widgets
        self.table_name = widgets.Dropdown(
            options=[(f"{n} ({len(inventory[n])} rows)", n) for n in names],
            value=table,
            description="Table",
            layout=widgets.Layout(width="420px"),
        )
        self.account = multi_select("Account", width="300px")
        self.region = multi_select("Region", width="210px")
        self.search = widgets.Text(
            value=search,
            placeholder="contains…",
            description="Search",
            continuous_update=False,
            layout=widgets.Layout(width="320px"),
        )
        self.column = widgets.Dropdown(description="in", layout=widgets.Layout(width="260px"))
        self.heading = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.table = widgets.HTML(layout=widgets.Layout(overflow="auto"))
        self.pager = Pager(page_size, self.errors.guard(self._on_page, "page"))
        self.page = self.pager.page

        self._load_table(table)
        for name, value in (("account", account), ("region", region)):
            if value is not None:
                self._filter(name).value = as_values(value)

        guard = self.errors.guard
        self.table_name.observe(guard(self._on_table, "table"), names="value")
        for name in FILTERS:
            self._filter(name).observe(guard(self._on_filter, name), names="value")
        self.search.observe(guard(self._on_filter, "search"), names="value")
        self.column.observe(guard(self._on_filter, "column"), names="value")

        self.widget = widgets.VBox(
            [
                self._hide_static(),
                widgets.HTML(f"<h3>{self.title}</h3>"),
                self.table_name,
                widgets.HBox([self.account, self.region]),
                widgets.HBox([self.search, self.column]),
                self.heading,
                self.chart,
                self.table,
                self.pager.widget,
                self.errors.widget,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("toolkit-inventory-dashboard")
        self.table.add_class("toolkit-inventory-table")
        self.refresh()

    def _filter(self, name: str) -> widgets.SelectMultiple:
        return getattr(self, name)

    # -- table choice ----------------------------------------------------------------------
    def _load_table(self, name: str) -> None:
        """Point the filters at table ``name``: its accounts, regions and columns."""
        self.frame = self.inventory[name]
        self._keys = pd.DataFrame(
            {
                column: keys(self.frame[column])
                if column in self.frame
                else pd.Series("", index=self.frame.index, dtype=object)
                for column in FILTERS.values()
            }
        )
        self._values = {name: sorted(set(self._keys[c])) for name, c in FILTERS.items()}
        self._updating = True
        try:
            for filter_name, values in self._values.items():
                set_options(self._filter(filter_name), [(v, v) for v in values])
            columns = [str(c) for c in self.frame.columns]
            self.column.options = [ANY_COLUMN, *columns]
            if self.column.value not in self.column.options:
                self.column.value = ANY_COLUMN
        finally:
            self._updating = False

    def _on_table(self, change: Any) -> None:
        self._load_table(change["new"])
        self.refresh()

    # -- state -----------------------------------------------------------------------------
    def counts(self, name: str) -> dict[str, int]:
        """Rows of each value of filter ``name`` (account or region), given the others."""
        return dict(self._facet_counts(self._masks())[name])

    def _search_mask(self) -> pd.Series:
        text = self.search.value.strip().lower()
        if not text:
            return pd.Series(True, index=self.frame.index)
        column = self.column.value
        if column and column != ANY_COLUMN:
            haystack = self.frame[column].astype("string").str.lower()
        else:
            haystack = self._haystack()
        return haystack.str.contains(text, regex=False).fillna(False).astype(bool)

    def _haystack(self) -> pd.Series:  # every column's text, built once per table
        name = self.table_name.value
        if name not in self._haystacks:
            self._haystacks[name] = haystack(self.frame)
        return self._haystacks[name]

    def _masks(self) -> dict[str, pd.Series]:
        all_rows = pd.Series(True, index=self.frame.index)
        masks = {
            name: self._keys[column].isin(self._filter(name).value)
            if self._filter(name).value
            else all_rows
            for name, column in FILTERS.items()
        }
        masks["search"] = self._search_mask()
        return masks

    def _facet_counts(self, masks: dict[str, pd.Series]) -> dict[str, pd.Series]:
        return facet_counts(self._keys, masks, FILTERS)

    # -- updates ---------------------------------------------------------------------------
    def _on_filter(self, _change: Any = None) -> None:
        if not self._updating:
            self.refresh()

    def _on_page(self) -> None:
        if not self._updating:
            self._render_page()

    def refresh(self) -> None:
        masks = self._masks()
        selected = pd.Series(True, index=self.frame.index)
        for mask in masks.values():
            selected &= mask
        self.view = self.frame[selected]
        counts = self._facet_counts(masks)
        self._updating = True
        try:
            for name in FILTERS:
                options = facet_options(self._values[name], counts[name])
                if name == "account":
                    options = [(self._account_label(label), v) for label, v in options]
                set_options(self._filter(name), options)
            self.pager.reset(len(self.view))
        finally:
            self._updating = False
        self.heading.value = (
            f"<b>{html.escape(self.table_name.value)}</b>: {len(self.view)} of "
            f"{len(self.frame)} rows"
        )
        self._render_chart()
        self._render_page()
        self.refresh_static()

    def _account_label(self, label: str) -> str:
        account, _, rest = label.partition(" ")
        name = self.account_names.get(account)
        return f"{account} {name} {rest}" if name else label

    def _render_chart(self) -> None:
        by_account = keys(self.view["account_id"]).value_counts() if len(self.view) else None
        by_region = keys(self.view["region"]).value_counts() if len(self.view) else None
        empty = pd.Series(dtype="int64")
        self.chart_counts = {
            "account_id": empty if by_account is None else by_account,
            "region": empty if by_region is None else by_region,
        }
        key = tuple(tuple(s.items()) for s in self.chart_counts.values())
        if key != self._chart_key:
            self._chart_key = key
            accounts = self.chart_counts["account_id"].rename(
                lambda a: f"{a} {self.account_names[a]}" if a in self.account_names else a
            )
            self.chart.value = bar_chart(
                [("rows by account", accounts), ("rows by region", self.chart_counts["region"])]
            )

    def _render_page(self) -> None:
        page = self.pager.rows(self.view)
        self.page_view = page
        self.table.value = html_table(page) if len(page) else "<p><i>No rows match.</i></p>"

    # -- static summary --------------------------------------------------------------------
    def summary_text(self) -> str:
        return f"Inventory: {len(self.inventory)} tables, {len(self.inventory.errors)} errors"

    def summary_html(self) -> str:
        summary = self.inventory.summary()
        rows = int(summary["rows"].sum()) if len(summary) else 0
        return (
            f"<h4>{self.title}: {len(self.inventory)} tables, {rows} rows, "
            f"{len(self.inventory.errors)} errors</h4>"
            + f"<p><b>{html.escape(self.table_name.value)}</b>: {len(self.view)} rows by account "
            "and region</p>"
            + img_tag(self.chart.value, f"{self.table_name.value} rows by account and region")
            + "<p><b>Every table</b></p>"
            + html_table(summary)
        )
