"""What every dashboard shares: charts as PNG, the static summary, errors, async work, paging.

Charts are drawn by matplotlib on a bare ``Figure`` with the Agg canvas (no pyplot, no global
backend), and shown as PNG bytes in an ``ipywidgets.Image``, so the same bytes serve the live
widget and the static summary. The static summary is a separate ``text/html`` output (a counts
table and the chart as ``<img src="data:image/png;base64,...">``) displayed before the widget:
nbconvert renders a widget view only from saved widget state and a widget library fetched from a
CDN, so an exported notebook would otherwise show nothing. In a live kernel the widget hides its
static twin with a CSS rule, so the user sees each dashboard once; the static summary is updated
in place (by its display id) as filters change, so a saved notebook shows the last view.
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import traceback
import uuid
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd

NONE_LABEL = "(none)"
SEVERITY_COLORS = {
    "critical": "#7f1d1d",
    "high": "#dc2626",
    "medium": "#f59e0b",
    "low": "#3b82f6",
    "informational": "#9ca3af",
}
BAR_COLOR = "#4b5563"

TABLE_CSS = """
<style>
.toolkit-table { border-collapse: collapse; font-size: 12px; line-height: 1.35; }
.toolkit-table th, .toolkit-table td { padding: 2px 8px; text-align: left !important;
  border-bottom: 1px solid #e5e7eb; vertical-align: top; line-height: 1.35; }
.toolkit-table th { background: #f3f4f6; }
.toolkit-finding-detail pre { white-space: pre-wrap; line-height: 1.35; }
.toolkit-error { color: #991b1b; background: #fef2f2; border: 1px solid #fecaca;
  padding: 4px 8px; }
.toolkit-summary h4 { margin: 4px 0; }
</style>
"""


# -- charts ----------------------------------------------------------------------------------
def bar_chart(
    panels: Sequence[tuple[str, pd.Series]],
    *,
    colors: Mapping[str, str] | None = None,
    width: float = 10.0,
    limit: int = 15,
) -> bytes:
    """Horizontal bar charts side by side, one per (title, counts), as PNG bytes.

    ``counts`` is a Series of label -> number in the order to draw (first on top); only the
    first ``limit`` labels are drawn. ``colors`` colours bars by label (severities).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    longest = max((len(p[1]) for p in panels), default=1)
    height = 0.6 + 0.24 * max(3, min(longest, limit))
    figure = Figure(figsize=(width, height), dpi=80, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(1, len(panels), squeeze=False)[0]
    for ax, (title, counts) in zip(axes, panels, strict=True):
        counts = counts.head(limit)
        ax.set_title(title, fontsize=10, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        if not len(counts) or not counts.sum():
            ax.text(0.5, 0.5, "none", ha="center", va="center", transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        labels = [str(label) for label in counts.index]
        bar_colors = [(colors or {}).get(label, BAR_COLOR) for label in labels]
        bars = ax.barh(labels, counts.to_numpy(), color=bar_colors)
        ax.bar_label(bars, fontsize=8, padding=2)
        ax.invert_yaxis()
        ax.margins(x=0.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def img_tag(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"/>'


# -- tables ----------------------------------------------------------------------------------
def html_table(frame: pd.DataFrame, *, index: bool = False, max_chars: int = 120) -> str:
    """The frame as an escaped HTML table; long cells shortened, nulls blank."""
    shown = frame.copy()
    for column in shown.columns:
        text = shown[column].astype("string").fillna("")
        shown[column] = text.where(text.str.len() <= max_chars, text.str.slice(0, max_chars) + "…")
    return shown.to_html(index=index, escape=True, border=0, classes="toolkit-table")


def text(value: Any) -> str:
    """A cell as text, missing values as the empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def keys(series: pd.Series) -> pd.Series:
    """A column as the strings filters compare: nulls become ``(none)``."""
    return series.astype("string").fillna(NONE_LABEL).astype(object)


def haystack(frame: pd.DataFrame) -> pd.Series:
    """Each row's cells as one lower-case string, for free-text search over any column."""
    if frame.shape[1] == 0:
        return pd.Series("", index=frame.index, dtype="string")
    text = [frame[column].astype("string").fillna("") for column in frame.columns]
    return text[0].str.cat(text[1:], sep="\x1f").str.lower()


def facet_counts(
    keys: pd.DataFrame, masks: Mapping[str, pd.Series], filters: Mapping[str, str]
) -> dict[str, pd.Series]:
    """Per filter, the count of each value under every *other* filter: what choosing that value
    would show."""
    counts = {}
    for name, column in filters.items():
        others = pd.Series(True, index=keys.index)
        for other, mask in masks.items():
            if other != name:
                others &= mask
        counts[name] = keys.loc[others, column].value_counts()
    return counts


def facet_options(values: Iterable[str], counts: Mapping[str, int]) -> list[tuple[str, str]]:
    """(label, value) pairs for a filter: each value with its count, e.g. ``high (12)``."""
    return [(f"{value} ({int(counts.get(value, 0))})", value) for value in values]


def set_options(select: widgets.SelectMultiple, options: list[tuple[str, str]]) -> None:
    """Relabel a multiple selection, keeping what is selected that still exists."""
    if list(select.options) == options:
        return
    keep = [v for v in select.value if v in {value for _, value in options}]
    with select.hold_sync():
        select.options = options
        select.value = tuple(keep)


def multi_select(description: str, rows: int = 6, width: str = "210px") -> widgets.SelectMultiple:
    return widgets.SelectMultiple(
        options=[],
        rows=rows,
        description=description,
        layout=widgets.Layout(width=width),
        style={"description_width": "initial"},
    )


def as_values(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


# -- errors and async work -------------------------------------------------------------------
class ErrorArea:
    """Where a dashboard shows what went wrong in its callbacks and tasks, instead of losing it
    (ipywidgets would only log a callback's exception to the browser console)."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self._where: list[str] = []
        self.widget = widgets.HTML(layout=widgets.Layout(display="none"))

    def show(self, exc: BaseException, where: str = "") -> None:
        self.errors.append(exc)
        self._where.append(where)
        entries = []
        for error, place in list(zip(self.errors, self._where, strict=True))[-5:]:
            text = "".join(traceback.format_exception(error)).strip()
            entries.append(
                f"<div class='toolkit-error'><b>{html.escape(type(error).__name__)}</b>"
                f"{' in ' + html.escape(place) if place else ''}: "
                f"{html.escape(str(error))}<details><summary>traceback</summary>"
                f"<pre>{html.escape(text)}</pre></details></div>"
            )
        self.widget.value = "".join(entries)
        self.widget.layout.display = None

    def clear(self) -> None:
        self.errors.clear()
        self._where.clear()
        self.widget.value = ""
        self.widget.layout.display = "none"

    @property
    def text(self) -> str:
        """What the area says, as plain text (for tests and the static summary)."""
        return "\n".join(f"{type(e).__name__}: {e}" for e in self.errors)

    def guard(self, callback: Callable[..., Any], where: str = "") -> Callable[..., Any]:
        """The callback, its exceptions shown here instead of raised into ipywidgets."""

        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:
                self.show(exc, where or getattr(callback, "__name__", ""))
                return None

        return guarded


class Tasks:
    """Async work started by a dashboard, on the running (the kernel's) event loop.

    Each task is kept until done (the loop holds only a weak reference to it), and an exception
    it ends with is shown in the dashboard's error area.
    """

    def __init__(self, errors: ErrorArea) -> None:
        self.errors = errors
        self.running: set[asyncio.Task[Any]] = set()

    def schedule(self, coroutine: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coroutine.close()
            raise RuntimeError(
                f"{name} needs a running event loop: use it in a Jupyter kernel, or await it."
            ) from None
        task = loop.create_task(coroutine, name=name)
        self.running.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self.running.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            self.errors.show(exc, task.get_name())


# -- paging ----------------------------------------------------------------------------------
class Pager:
    """Previous / page number / next, and which rows of how many are shown."""

    def __init__(self, page_size: int, on_change: Callable[[], None]) -> None:
        self.page_size = max(1, int(page_size))
        self.total = 0
        self.page = widgets.BoundedIntText(
            value=1, min=1, max=1, description="Page", layout=widgets.Layout(width="140px")
        )
        self.previous = widgets.Button(description="◀", layout=widgets.Layout(width="40px"))
        self.next = widgets.Button(description="▶", layout=widgets.Layout(width="40px"))
        self.info = widgets.HTML()
        self.previous.on_click(lambda _: self._step(-1))
        self.next.on_click(lambda _: self._step(1))
        self.page.observe(lambda _: on_change(), names="value")
        self.widget = widgets.HBox([self.previous, self.page, self.next, self.info])

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def _step(self, by: int) -> None:
        self.page.value = min(self.pages, max(1, self.page.value + by))

    def reset(self, total: int) -> None:
        """A new view of ``total`` rows: back to page 1 (without a change event if already)."""
        self.total = total
        with self.page.hold_trait_notifications():
            self.page.max = self.pages
            if self.page.value != 1:
                self.page.value = 1

    def rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        start = (self.page.value - 1) * self.page_size
        page = frame.iloc[start : start + self.page_size]
        if self.total:
            self.info.value = (
                f"rows {start + 1}–{start + len(page)} of {self.total} · "
                f"page {self.page.value} of {self.pages}"
            )
        else:
            self.info.value = "no rows"
        self.previous.disabled = self.page.value <= 1
        self.next.disabled = self.page.value >= self.pages
        return page


# -- display ---------------------------------------------------------------------------------
class Dashboard:
    """Base of every dashboard: ``widget`` (the live view) and ``summary_html()`` (the static
    summary, a counts table and the chart as an embedded PNG)."""

    title = "Dashboard"
    widget: widgets.Widget

    def __init__(self) -> None:
        self.errors = ErrorArea()
        self.tasks = Tasks(self.errors)
        self._static_id = f"toolkit-static-{uuid.uuid4().hex}"
        self._displayed = False

    def summary_html(self) -> str:
        raise NotImplementedError

    def summary_text(self) -> str:
        return self.title

    def _static_bundle(self) -> dict[str, str]:
        return {
            "text/html": (
                f"<div class='toolkit-summary {self._static_id}'>{TABLE_CSS}"
                f"{self.summary_html()}</div>"
            ),
            "text/plain": f"{self.summary_text()} (static summary)",
        }

    def _hide_static(self) -> widgets.HTML:
        """A rule that hides the static summary wherever this widget renders (a live kernel)."""
        css = self._static_id
        return widgets.HTML(
            f"<style>.{css} {{ display: none; }} "
            f".jp-OutputArea-child:has(.{css}) {{ display: none; }}</style>{TABLE_CSS}",
            layout=widgets.Layout(height="0px", margin="0px"),
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._static_bundle(), raw=True, display_id=self._static_id)
        view = self.widget._repr_mimebundle_()
        # What shows where there is no widget manager (an export without widget state), in
        # place of the widget's repr.
        view["text/plain"] = f"{self.title} dashboard: a live widget, shown with a kernel."
        display(view, raw=True)
        self._displayed = True

    def refresh_static(self) -> None:
        """Bring the displayed static summary in line with the dashboard (as it will be saved)."""
        if not self._displayed:
            return
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.display import update_display

        if InteractiveShell.initialized():
            update_display(self._static_bundle(), raw=True, display_id=self._static_id)
