"""Collection progress: a live view of ``toolkit.stream`` while it collects, in a notebook.

``inv = await toolkit.dashboards.progress(scope)`` shows tables done out of all, tables and rows
per service, rows and errors per account, and every error as soon as it is recorded (a ticker
reads ``Collection.errors`` four times a second, so errors show before their table is done),
then gives the Inventory, exactly what ``toolkit.collect`` gives. It replaces the engine's
``tqdm.auto`` bar. The collection runs as a task on the kernel's event loop, kept on the
dashboard (``task``); how it ended, an exception included, shows in the dashboard. Cancel stops
it; Collect again starts a new run from the button's callback, on the same loop.
"""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Generator, Iterable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..inventory import ERROR_COLUMNS, Inventory
from ..scope import Scope
from ._common import Dashboard, bar_chart, html_table, img_tag

TICK_SECONDS = 0.25


class CollectionProgress(Dashboard):
    """Collect ``scope`` with a live view. ``start()`` runs it in the background on the running
    loop (``task``); ``await dashboard`` (or ``await dashboard.collect()``) gives the Inventory.

    State for tests and users: ``tables_done``, ``tables_total``, ``services`` (service ->
    [done, total]), ``rows_by_account``, ``collection_errors`` (a DataFrame like
    ``inv.errors``), ``state`` (waiting, running, done, failed, cancelled), ``inventory``.
    """

    title = "Collection"

    def __init__(
        self,
        scope: Scope,
        services: Iterable[str] | str | None = None,
        tables: Iterable[str] | str | None = None,
    ) -> None:
        super().__init__()
        from ..collectors import select_tables

        self.scope = scope
        self.services_wanted = services
        self.tables_wanted = tables
        self._tables = select_tables(services, tables)
        self.task: asyncio.Task[Inventory] | None = None
        self.run: Any = None
        self.inventory: Inventory | None = None
        self.state = "waiting"
        self._reset_counts()

        self.heading = widgets.HTML()
        self.bar = widgets.IntProgress(
            value=0,
            min=0,
            max=max(1, self.tables_total),
            description="tables",
            bar_style="info",
            layout=widgets.Layout(width="420px"),
        )
        self.by_service = widgets.HTML()
        self.by_account = widgets.HTML()
        self.error_table = widgets.HTML()
        self.cancel = widgets.Button(description="Cancel", icon="stop", disabled=True)
        self.again = widgets.Button(description="Collect again", icon="refresh", disabled=True)
        guard = self.errors.guard
        self.cancel.on_click(guard(lambda _: self.stop(), "cancel"))
        self.again.on_click(guard(lambda _: self.start(), "collect again"))
        self.widget = widgets.VBox(
            [
                self._hide_static(),
                widgets.HTML(f"<h3>{self.title}</h3>"),
                self.heading,
                widgets.HBox([self.bar, self.cancel, self.again]),
                widgets.HBox(
                    [self.by_service, self.by_account],
                    layout=widgets.Layout(grid_gap="24px", align_items="flex-start"),
                ),
                self.error_table,
                self.errors.widget,
            ]
        )
        self.widget.add_class("toolkit-collection-progress")
        self._render()

    # -- state -----------------------------------------------------------------------------
    def _reset_counts(self) -> None:
        self.tables_total = len(self._tables)
        self.tables_done: list[str] = []
        self.services: dict[str, list[int]] = {}
        for table in self._tables:
            self.services.setdefault(table.service, [0, 0])[1] += 1
        self.rows_by_service: dict[str, int] = dict.fromkeys(self.services, 0)
        self.rows_by_account: dict[str, int] = {}
        self.accounts: list[str] = []
        self.regions: list[str] = []
        self._error_count = 0
        self._started = 0.0
        self._seconds = 0.0

    @property
    def collection_errors(self) -> pd.DataFrame:
        """The errors recorded so far (all of them once done), as in ``inv.errors``."""
        records = list(self.run.errors) if self.run is not None else []
        return pd.DataFrame.from_records(records, columns=list(ERROR_COLUMNS))

    # -- running ---------------------------------------------------------------------------
    def start(self) -> asyncio.Task[Inventory]:
        """Collect in the background on the running event loop; returns the task (``task``)."""
        if self.task is not None and not self.task.done():
            raise RuntimeError("A collection is already running; cancel it or wait for it.")
        self.task = self.tasks.schedule(self.collect(), "collection")
        self.task.add_done_callback(self._ended)
        self.cancel.disabled, self.again.disabled = False, True
        return self.task

    def _ended(self, task: asyncio.Task[Inventory]) -> None:
        # A task cancelled before it began never ran ``collect``: say so here.
        if task.cancelled() and self.state in ("waiting", "running"):
            self.state = "cancelled"
        self._render()

    def stop(self) -> None:
        """Cancel the running collection."""
        if self.task is not None and not self.task.done():
            self.task.cancel()

    def __await__(self) -> Generator[Any, None, Inventory]:
        if self.task is None:
            self.start()
        assert self.task is not None
        return self.task.__await__()

    async def collect(self) -> Inventory:
        """Run the collection, updating the view per table and per error; the Inventory."""
        from ..engine import stream

        self.errors.clear()
        self._reset_counts()
        self.inventory = None
        self.state = "running"
        self._started = time.perf_counter()
        self.run = stream(self.scope, self.services_wanted, self.tables_wanted, progress=False)
        frames: dict[str, pd.DataFrame] = {}
        ticker = asyncio.get_running_loop().create_task(self._tick(), name="collection ticker")
        self._render()
        try:
            async for name, frame in self.run:
                frames[name] = frame
                self._table_done(name, frame)
                self._render()
        except asyncio.CancelledError:
            self.state = "cancelled"
            raise
        except BaseException:
            self.state = "failed"
            raise
        finally:
            ticker.cancel()
            self._seconds = time.perf_counter() - self._started
            if self.state == "running":
                self.state = "done"
            self._render()
        errors = self.collection_errors
        self.inventory = Inventory(dict(sorted(frames.items())), errors, self.run.meta)
        self._render()
        return self.inventory

    def _table_done(self, name: str, frame: pd.DataFrame) -> None:
        service = name.split(".", 1)[0]
        self.tables_done.append(name)
        self.services.setdefault(service, [0, 0])[0] += 1
        self.rows_by_service[service] = self.rows_by_service.get(service, 0) + len(frame)
        if "account_id" in frame and len(frame):
            for account, count in frame["account_id"].astype("string").value_counts().items():
                self.rows_by_account[str(account)] = self.rows_by_account.get(str(account), 0) + (
                    int(count)
                )

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(TICK_SECONDS)
            self._render()

    # -- view ------------------------------------------------------------------------------
    def _render(self) -> None:
        meta = self.run.meta if self.run is not None else {}
        self.accounts = list(meta.get("accounts", self.accounts))
        self.regions = list(meta.get("regions", self.regions))
        seconds = time.perf_counter() - self._started if self.state == "running" else self._seconds
        errors = self.collection_errors
        done = len(self.tables_done)
        self.bar.max = max(1, self.tables_total)
        self.bar.value = done
        self.bar.bar_style = {
            "done": "danger" if len(errors) else "success",
            "failed": "danger",
            "cancelled": "warning",
        }.get(self.state, "info")
        self.cancel.disabled = self.state != "running"
        self.again.disabled = self.state == "running"
        self.heading.value = (
            f"<b>{self.state}</b>: {done} of {self.tables_total} tables, "
            f"{sum(self.rows_by_service.values())} rows, {len(self.accounts)} accounts × "
            f"{len(self.regions)} regions, <b>{len(errors)}</b> errors, {seconds:.1f} s"
        )
        _set(self.by_service, "<b>By service</b>" + html_table(self._service_frame()))
        _set(self.by_account, "<b>By account</b>" + html_table(self._account_frame(errors)))
        if len(errors):
            _set(
                self.error_table,
                f"<b>Errors</b> ({len(errors)}: not collected)"
                + html_table(errors[["account_id", "region", "table", "error_code", "message"]]),
            )
        else:
            _set(self.error_table, "")
        if self.state in ("done", "failed", "cancelled") or len(errors) != self._error_count:
            self._error_count = len(errors)
            self.refresh_static()

    def _service_frame(self) -> pd.DataFrame:
        errors = self.collection_errors
        per_service = errors["service"].value_counts() if len(errors) else {}
        return pd.DataFrame(
            [
                {
                    "service": service,
                    "tables": f"{done}/{total}",
                    "rows": self.rows_by_service.get(service, 0),
                    "errors": int(per_service.get(service, 0)) if len(errors) else 0,
                }
                for service, (done, total) in sorted(self.services.items())
            ],
            columns=["service", "tables", "rows", "errors"],
        )

    def _account_frame(self, errors: pd.DataFrame) -> pd.DataFrame:
        per_account = errors["account_id"].value_counts() if len(errors) else {}
        accounts = list(
            dict.fromkeys([*self.accounts, *self.rows_by_account, *list(per_account.keys())])
        )
        return pd.DataFrame(
            [
                {
                    "account": account,
                    "rows": self.rows_by_account.get(account, 0),
                    "errors": int(per_account.get(account, 0)) if len(errors) else 0,
                }
                for account in accounts
            ],
            columns=["account", "rows", "errors"],
        )

    # -- static summary --------------------------------------------------------------------
    def summary_text(self) -> str:
        return (
            f"Collection {self.state}: {len(self.tables_done)} of {self.tables_total} tables, "
            f"{len(self.collection_errors)} errors"
        )

    def summary_html(self) -> str:
        errors = self.collection_errors
        services = self._service_frame()
        accounts = self._account_frame(errors)
        png = bar_chart(
            [
                ("rows by service", services.set_index("service")["rows"]),
                ("errors by account", accounts.set_index("account")["errors"]),
            ]
        )
        error_list = ""
        if len(errors):
            error_list = f"<p><b>Errors</b> ({len(errors)})</p>" + html_table(
                errors[["account_id", "region", "table", "error_code", "message"]]
            )
        failure = ""
        if self.errors.errors:
            failure = f"<p class='toolkit-error'>{html.escape(self.errors.text)}</p>"
        return (
            f"<h4>{html.escape(self.summary_text())}</h4>"
            + failure
            + html_table(services)
            + img_tag(png, "collected rows by service, errors by account")
            + error_list
        )


def _set(widget: widgets.HTML, value: str) -> None:
    """Send a new value only when it changed (the ticker redraws four times a second)."""
    if widget.value != value:
        widget.value = value
