"""Widget dashboards for a live kernel (ipywidgets, charts by matplotlib), with static summaries.

- ``findings(findings, inv)``: filter ``toolkit.run_checks`` output, chart FAILs, page, see a
  finding's risk, remediation, CLI and its resource's inventory row, accounts named; export the
  view to CSV.
- ``inventory(inv)``: choose a table, filter by account, region and text, rows by account/region.
- ``progress(scope)``: collect with a live view of tables, services, accounts and errors;
  ``inv = await toolkit.dashboards.progress(scope)``.

Each dashboard is an object whose widgets are attributes (``dash.severity.value = ("high",)``)
and whose state is plain pandas (``dash.view``). Displayed, it leaves two outputs: a static
summary (an HTML counts table and the chart as an embedded PNG, which an exported notebook shows
with no kernel and no network) and the live widget, which hides the static twin while it renders.
Dashboards never call AWS except ``progress``, which runs ``toolkit.stream``.

Importing this package imports ipywidgets; ``import toolkit`` alone does not. The functions below
share their names with the modules that define the classes (``findings.py`` ...): the modules
are imported first, so the package attributes are these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._common import Dashboard
from .findings import FindingsDashboard
from .inventory import InventoryDashboard
from .progress import CollectionProgress

if TYPE_CHECKING:
    import pandas as pd

    from ..inventory import Inventory
    from ..scope import Scope

__all__ = [
    "CollectionProgress",
    "Dashboard",
    "FindingsDashboard",
    "InventoryDashboard",
    "findings",
    "inventory",
    "progress",
]


def findings(
    findings: pd.DataFrame, inventory: Inventory | None = None, **options: Any
) -> FindingsDashboard:
    """The findings dashboard; given the ``inventory`` the findings came from, accounts show
    their names and a chosen finding its resource's inventory row. Options: account_names,
    page_size, chart_by ("service" or "account"), csv_path, and initial filters (severity,
    status, service, account, region, check)."""
    return FindingsDashboard(findings, inventory=inventory, **options)


def inventory(inv: Inventory, table: str | None = None, **options: Any) -> InventoryDashboard:
    """The inventory dashboard on ``table`` (default: the first table with rows); options:
    page_size, account, region, search."""
    return InventoryDashboard(inv, table, **options)


def progress(
    scope: Scope,
    services: Iterable[str] | str | None = None,
    tables: Iterable[str] | str | None = None,
    *,
    start: bool = True,
    display: bool = True,
) -> CollectionProgress:
    """Show the collection dashboard and start collecting in the background (on a running loop,
    as in a notebook); ``await`` the result for the Inventory."""
    import asyncio

    dashboard = CollectionProgress(scope, services, tables)
    if display:
        from IPython.core.interactiveshell import InteractiveShell

        if InteractiveShell.initialized():
            from IPython.display import display as show

            show(dashboard)
    if start:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return dashboard  # no loop yet: ``await`` starts it
        dashboard.start()
    return dashboard
