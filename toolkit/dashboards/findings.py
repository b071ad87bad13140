"""The findings dashboard: filter, chart, page through and export ``toolkit.run_checks`` output.

Six filters (severity, status, service, account, region, check) each list their values with
the number of findings that choosing it would show given the other filters; nothing chosen
means everything. A free-text box matches check, title, resource and detail. The chart (FAIL
findings by severity, and by service or account) and the paged table follow the filters;
choosing a finding shows its detail with the check's description, risk and remediation from
``toolkit.checks.REGISTRY``, the check's CLI with the finding's account, region and resource put
in, and, given the inventory, the resource's inventory row (``resource_row``). Given the
inventory (or a mapping of names), accounts carry their names beside their ids in the account
filter, the table, the finding list, the detail and the static summary; filters still take ids.
``to_csv`` (and the Export button) writes the filtered findings.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from .. import accounts
from ..accounts import account_label
from ..files import atomic_write_text
from ._common import (
    SEVERITY_COLORS,
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
    text,
)
from .finding_detail import detail_html

__all__ = ["FindingsDashboard", "detail_html"]

if TYPE_CHECKING:
    from ..inventory import Inventory

SEVERITIES = ("critical", "high", "medium", "low", "informational")
STATUSES = ("FAIL", "ERROR", "MUTED", "PASS")
#: filter attribute -> findings column
FILTERS = {
    "severity": "severity",
    "status": "status",
    "service": "service",
    "account": "account_id",
    "region": "region",
    "check": "check_id",
}
TABLE_COLUMNS = [
    "severity",
    "status",
    "check_id",
    "account_id",
    "region",
    "resource_id",
    "detail",
]
SEARCHED = ("check_id", "title", "resource_id", "resource_arn", "detail")


class FindingsDashboard(Dashboard):
    """``FindingsDashboard(findings, inventory=inv, status="FAIL")``: filters are attributes
    (``severity``, ``status``, ``service``, ``account``, ``region``, ``check``: SelectMultiple
    widgets, and ``search``); ``view`` is the filtered findings, ``page_view`` the rows in
    ``table``, ``chart_counts`` what ``chart`` shows. ``inventory`` (optional) gives account
    names and the resources' rows; ``account_names`` ({id: name}) gives names without it."""

    title = "Findings"

    def __init__(
        self,
        findings: pd.DataFrame,
        *,
        inventory: Inventory | Mapping[str, pd.DataFrame] | None = None,
        account_names: Mapping[str, str] | None = None,
        page_size: int = 20,
        chart_by: str = "service",
        csv_path: str = "findings.csv",
        **filters: str | list[str] | tuple[str, ...] | None,
    ) -> None:
        super().__init__()
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise TypeError(
                f"Unknown filter(s) {', '.join(sorted(unknown))}; use {', '.join(FILTERS)}."
            )
        self.inventory = inventory
        if account_names is None and inventory is not None:
            account_names = accounts.account_names(inventory)
        self.account_names: dict[str, str] = dict(account_names or {})
        self.findings = _ordered(findings)
        self._keys = pd.DataFrame({c: keys(self.findings[c]) for c in FILTERS.values()})
        self._haystack = haystack(self.findings[list(SEARCHED)])
        self._values = {
            name: _facet_values(name, self._keys[column]) for name, column in FILTERS.items()
        }
        self._updating = False
        self.view = self.findings
        self.page_view = self.findings.iloc[:0]
        self.chart_counts: dict[str, pd.Series] = {}
        self._chart_key: Any = None

        # -- widgets
        self.severity = multi_select("Severity", rows=5, width="190px")
        self.status = multi_select("Status", rows=4, width="150px")
        self.service = multi_select("Service", width="190px")
        self.account = multi_select("Account", width="230px")
        self.region = multi_select("Region", width="190px")
        self.check = multi_select("Check", width="380px")
        self.search = widgets.Text(
            placeholder="check, title, resource or detail contains…",
            description="Search",
            continuous_update=False,
            layout=widgets.Layout(width="420px"),
        )
        self.clear = widgets.Button(description="Clear filters", icon="times")
        self.chart_by = widgets.ToggleButtons(
            options=[("by service", "service"), ("by account", "account_id")],
            value="account_id" if chart_by in ("account", "account_id") else "service",
            style={"button_width": "110px"},
        )
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.heading = widgets.HTML()
        self.table = widgets.HTML(layout=widgets.Layout(overflow="auto"))
        self.pager = Pager(page_size, self.errors.guard(self._on_page, "page"))
        self.page = self.pager.page
        self.finding = widgets.Select(
            options=[],
            rows=6,
            description="Finding",
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.detail = widgets.HTML()
        self.csv_path = widgets.Text(value=csv_path, description="CSV file")
        self.export = widgets.Button(description="Export CSV", icon="download")
        self.message = widgets.HTML()

        for name, value in filters.items():
            chosen = as_values(value)
            bad = [v for v in chosen if v not in self._values[name]]
            if bad:
                raise ValueError(f"{name}: no finding has {', '.join(map(repr, bad))}.")
            self._filter(name).options = [(v, v) for v in self._values[name]]
            self._filter(name).value = chosen

        guard = self.errors.guard
        for name in FILTERS:
            self._filter(name).observe(guard(self._on_filter, name), names="value")
        self.search.observe(guard(self._on_filter, "search"), names="value")
        self.chart_by.observe(guard(lambda _: self._render_chart(), "chart"), names="value")
        self.clear.on_click(guard(lambda _: self.clear_filters(), "clear filters"))
        self.finding.observe(guard(lambda _: self._render_detail(), "finding"), names="value")
        self.export.on_click(guard(lambda _: self._export(), "export"))

        filters_box = widgets.HBox(
            [self._filter(name) for name in FILTERS],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        self.widget = widgets.VBox(
            [
                self._hide_static(),
                widgets.HTML(f"<h3>{self.title}</h3>"),
                filters_box,
                widgets.HBox([self.search, self.clear]),
                self.heading,
                self.chart_by,
                self.chart,
                self.table,
                self.pager.widget,
                self.finding,
                self.detail,
                widgets.HBox([self.csv_path, self.export, self.message]),
                self.errors.widget,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("toolkit-findings-dashboard")
        self.table.add_class("toolkit-findings-table")
        self.refresh()

    # -- state -----------------------------------------------------------------------------
    def _filter(self, name: str) -> widgets.SelectMultiple:
        return getattr(self, name)

    @property
    def filters(self) -> dict[str, tuple[str, ...]]:
        """The chosen values of each filter that has some (and ``search`` when set)."""
        chosen: dict[str, Any] = {
            name: tuple(self._filter(name).value) for name in FILTERS if self._filter(name).value
        }
        if self.search.value.strip():
            chosen["search"] = self.search.value.strip()
        return chosen

    def counts(self, name: str) -> dict[str, int]:
        """What the filter ``name`` shows beside each value: findings matching the other
        filters that have this value."""
        return dict(self._facet_counts()[name])

    def _masks(self) -> dict[str, pd.Series]:
        all_rows = pd.Series(True, index=self.findings.index)
        masks = {
            name: self._keys[column].isin(self._filter(name).value)
            if self._filter(name).value
            else all_rows
            for name, column in FILTERS.items()
        }
        text = self.search.value.strip().lower()
        masks["search"] = (
            self._haystack.str.contains(text, regex=False).fillna(False).astype(bool)
            if text
            else all_rows
        )
        return masks

    def _facet_counts(self, masks: dict[str, pd.Series] | None = None) -> dict[str, pd.Series]:
        return facet_counts(self._keys, masks or self._masks(), FILTERS)

    # -- updates ---------------------------------------------------------------------------
    def _on_filter(self, _change: Any = None) -> None:
        if not self._updating:
            self.refresh()

    def clear_filters(self) -> None:
        self._updating = True
        try:
            for name in FILTERS:
                self._filter(name).value = ()
            self.search.value = ""
        finally:
            self._updating = False
        self.refresh()

    def refresh(self) -> None:
        """Recompute the view from the filters and redraw labels, chart and table."""
        masks = self._masks()
        selected = pd.Series(True, index=self.findings.index)
        for mask in masks.values():
            selected &= mask
        self.view = self.findings[selected]
        counts = self._facet_counts(masks)
        self._updating = True
        try:
            for name in FILTERS:
                options = facet_options(self._values[name], counts[name])
                if name == "account":
                    options = [(self._account_option(label), v) for label, v in options]
                set_options(self._filter(name), options)
        finally:
            self._updating = False
        status = self.view["status"].astype("string").value_counts()
        self.heading.value = (
            f"<b>{len(self.view)}</b> of {len(self.findings)} findings · "
            + " · ".join(f"{s} {int(status.get(s, 0))}" for s in STATUSES)
        )
        self._render_chart()
        self._updating = True
        try:
            self.pager.reset(len(self.view))
        finally:
            self._updating = False
        self._render_page()
        self.refresh_static()

    def _on_page(self) -> None:
        if not self._updating:
            self._render_page()

    def _render_chart(self) -> None:
        failed = self.view[self.view["status"].astype("string") == "FAIL"]
        by = self.chart_by.value
        severity = (
            failed["severity"].astype("string").value_counts().reindex(SEVERITIES, fill_value=0)
        )
        other = keys(failed[by]).value_counts() if len(failed) else pd.Series(dtype="int64")
        other = other.sort_values(ascending=False, kind="stable")
        label = "service" if by == "service" else "account"
        self.chart_counts = {"severity": severity, label: other}
        key = (by, tuple(severity.items()), tuple(other.items()))
        if key != self._chart_key:
            self._chart_key = key
            if label == "account":
                other = other.rename(self._account_text)
            self.chart.value = bar_chart(
                [("FAIL by severity", severity), (f"FAIL by {label}", other)],
                colors=SEVERITY_COLORS,
            )

    def _render_page(self) -> None:
        page = self.pager.rows(self.view)
        self.page_view = page
        start = (self.pager.page.value - 1) * self.pager.page_size
        shown = page[TABLE_COLUMNS].copy()
        shown.insert(0, "#", range(start + 1, start + len(page) + 1))
        if self.account_names:
            names = page["account_id"].astype("string").map(self.account_names.get)
            shown.insert(shown.columns.get_loc("account_id") + 1, "account_name", names.to_numpy())
        self.table.value = (
            html_table(shown, max_chars=90) if len(page) else "<p><i>No findings match.</i></p>"
        )
        options = [
            (
                f"{n}. {row.status} {row.severity} {row.check_id} · "
                f"{text(row.resource_id) or '-'} "
                f"({self._account_text(text(row.account_id))}, {text(row.region)})",
                n,
            )
            for n, row in zip(shown["#"], page.itertuples(index=False), strict=True)
        ]
        self.finding.options = options
        self.finding.value = None
        self._render_detail()

    def select(self, number: int) -> None:
        """Show finding ``number`` (1-based, in the filtered view), turning to its page."""
        if not 1 <= number <= len(self.view):
            raise IndexError(f"The view has {len(self.view)} findings; no number {number}.")
        self.page.value = (number - 1) // self.pager.page_size + 1
        self.finding.value = number

    @property
    def selected(self) -> pd.Series | None:
        """The chosen finding's row, or None."""
        number = self.finding.value
        if number is None or not 1 <= number <= len(self.view):
            return None
        return self.view.iloc[number - 1]

    def _render_detail(self) -> None:
        row = self.selected
        if row is None:
            self.detail.value = "<i>Choose a finding above to see its risk and remediation.</i>"
            return
        self.detail.value = detail_html(row, self.account_names, self.inventory)

    # -- account names ---------------------------------------------------------------------
    def _account_text(self, account_id: str) -> str:
        """``id name``, or the id alone: how lists and charts show an account."""
        name = self.account_names.get(account_id)
        return f"{account_id} {name}" if name else account_id

    def _account_option(self, label: str) -> str:
        account, _, count = label.rpartition(" ")
        return f"{self._account_text(account)} {count}"

    # -- export ----------------------------------------------------------------------------
    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the filtered findings (every page) to ``path``, whole and owner-only (they
        describe the estate's weak points); return the path."""
        target = Path(path).expanduser()
        atomic_write_text(target, self.view.to_csv(index=False))
        return target

    def _export(self) -> None:
        self.message.value = ""
        path = self.csv_path.value.strip()
        if not path:
            raise ValueError("Give a file name for the CSV export.")
        target = self.to_csv(path)
        self.message.value = (
            f"Wrote {len(self.view)} findings to <code>{html.escape(str(target.resolve()))}</code>"
        )

    # -- static summary --------------------------------------------------------------------
    def summary_text(self) -> str:
        status = self.view["status"].astype("string").value_counts()
        return f"Findings: {len(self.view)} ({int(status.get('FAIL', 0))} FAIL)"

    def summary_html(self) -> str:
        table = pd.crosstab(
            self.view["severity"].astype("string"), self.view["status"].astype("string")
        )
        table = table.reindex(index=list(SEVERITIES), columns=list(STATUSES), fill_value=0)
        table.loc["total"] = table.sum()
        table["total"] = table.sum(axis=1)
        table.index.name = "severity"
        table.columns.name = None
        filters = "; ".join(
            f"{name}: {', '.join(self._chosen_text(name, v)) if isinstance(v, tuple) else v}"
            for name, v in self.filters.items()
        )
        return (
            f"<h4>{self.title}: {len(self.view)} of {len(self.findings)}"
            f"{' (' + html.escape(filters) + ')' if filters else ''}</h4>"
            + html_table(table.reset_index())
            + self._accounts_html()
            + img_tag(self.chart.value, "FAIL findings by severity and " + self.chart_by.value)
        )

    def _chosen_text(self, name: str, values: tuple[str, ...]) -> list[str]:
        if name != "account":
            return list(values)
        return [account_label(v, self.account_names) for v in values]

    def _accounts_html(self) -> str:
        """FAIL findings per account, named, in one line (the table above counts severities)."""
        failed = self.view[self.view["status"].astype("string") == "FAIL"]
        if not len(failed):
            return ""
        per_account = keys(failed["account_id"]).value_counts()
        per_account = per_account.sort_values(ascending=False, kind="stable")
        parts = [
            f"{html.escape(account_label(str(a), self.account_names))}: {int(n)}"
            for a, n in per_account.items()
        ]
        return f"<p class='toolkit-accounts'><b>FAIL by account</b>: {' · '.join(parts)}</p>"


def _ordered(findings: pd.DataFrame) -> pd.DataFrame:
    """FAIL first, then ERROR, MUTED, PASS; within each, the runner's order (severity first)."""
    status = findings["status"].astype("string")
    rank = status.map({s: i for i, s in enumerate(STATUSES)}).fillna(len(STATUSES))
    order = rank.astype(int).to_numpy().argsort(kind="stable")
    return findings.iloc[order].reset_index(drop=True)


def _facet_values(name: str, column: pd.Series) -> list[str]:
    present = set(column)
    if name == "severity":
        return [s for s in SEVERITIES if s in present] + sorted(present - set(SEVERITIES))
    if name == "status":
        return [s for s in STATUSES if s in present] + sorted(present - set(STATUSES))
    return sorted(present)
