"""How report tables and diagrams look, in the notebook and in the shared HTML alike.

One stylesheet (``page_style``, shown once at the top of a report), tables as plain HTML
without the pandas index (``table``: text left-aligned, severity coloured, the account's name
beside its id), diagrams that fit the page and open full size with wheel-zoom and drag-pan on
click (``diagram_html``, a few lines of inline JavaScript: no CDN, so the HTML reads offline),
and the full findings list as an interactive table (``findings_table``: itables in its offline
mode, which embeds DataTables in the page).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..checks.base import SEVERITIES
from ..render.zoom import ZOOM_SCRIPT, diagram_html

__all__ = ["ZOOM_SCRIPT", "diagram_html"]  # re-exported: reports take them from here

#: Colours of the severities, as in the severity chart (most severe first).
SEVERITY_COLOURS = dict(
    zip(SEVERITIES, ("#7b0000", "#d62728", "#ff7f0e", "#f2c12e", "#7f7f7f"), strict=True)
)

#: Columns that hold an account id: each gets the account's name in a column beside it.
ACCOUNT_COLUMNS = ("account_id", "target_account_id")

STYLE = (
    """<style>
.tk-table{border-collapse:collapse;margin:.4em 0 1em;font-size:13px;max-width:100%}
.tk-table th,.tk-table td{text-align:left!important;vertical-align:top;padding:3px 8px;
 border-bottom:1px solid #ddd;white-space:normal}
.tk-table td.tk-long{overflow-wrap:anywhere}
.tk-table th{background:#f3f4f6;font-weight:600}
.tk-table td.tk-num{text-align:right!important;font-variant-numeric:tabular-nums}
.tk-sev{font-weight:600;border-radius:3px;padding:1px 6px;color:#fff;white-space:nowrap}
"""
    + "".join(
        f".tk-sev-{name}{{background:{colour}}}\n" for name, colour in SEVERITY_COLOURS.items()
    )
    + """.tk-sev-low{color:#222}
td.tk-sev-cell{color:#fff;font-weight:600}td.tk-sev-cell.tk-sev-low{color:#222}
.tk-status-FAIL{color:#b00020;font-weight:600}.tk-status-PASS{color:#1b7f3b}
.tk-status-ERROR{color:#8a5a00;font-weight:600}
.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{text-align:left!important}
table.dataTable td,table.dataTable th{text-align:left!important;white-space:normal}
table.dataTable td.tk-wrap{overflow-wrap:anywhere}
table.dataTable thead input{width:100%;min-width:2em;box-sizing:border-box}
nav.tk-contents{border:1px solid #ddd;padding:.4em 1em;margin:1em 0;max-width:40em}
nav.tk-contents ol{margin:.2em 0;padding-left:1.4em}
.jp-RenderedHTMLCommon img,.jp-RenderedImage img{max-width:100%;height:auto}
</style>"""
)

_SEVERITY_CELL = re.compile(r"<td>(" + "|".join(SEVERITIES) + r")</td>")
_STATUS_CELL = re.compile(r"<td>(FAIL|PASS|ERROR)</td>")
#: Cells long enough to need breaking inside a word (an ARN): short ids are never split.
_LONG_CELL = re.compile(r"<td>([^<]*?[^<\s]{40}[^<]*)</td>")
_NUMBER_CELL = re.compile(r"<td>(-?\d{1,9})</td>")  # counts; a 12-digit account id is text


class Html:
    """HTML that shows as itself in Jupyter and in nbconvert's export (``str()`` is the HTML)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:  # the text/plain of an output: short, and the same every run
        return f"<HTML, {len(self.text):,} characters>"


def page_style() -> Html:
    """The stylesheet and the diagram zoom script: shown once, in a report's first cell."""
    return Html(STYLE + ZOOM_SCRIPT)


def with_account_names(frame: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` with an ``account`` name column beside each account id column (the index
    too, when it holds account ids); unnamed accounts show their id alone."""
    frame = frame.copy()
    if frame.index.name in ACCOUNT_COLUMNS:
        frame = frame.reset_index()
    for column in ACCOUNT_COLUMNS:
        if column in frame.columns and names:
            label = "account" if column == "account_id" else "target_account"
            if label in frame.columns:
                continue
            values = frame[column].astype("string")
            frame.insert(
                frame.columns.get_loc(column) + 1,
                label,
                [names.get(v, "") if isinstance(v, str) else "" for v in values],
            )
    return frame


def table(
    frame: pd.DataFrame, names: Mapping[str, str] | None = None, *, index: bool | None = None
) -> Html:
    """``frame`` as a readable HTML table: no positional index (a named index becomes the first
    column), text left-aligned, numbers right-aligned, severities coloured, account names beside
    their ids when ``names`` (``toolkit.accounts.account_names``) is given."""
    if frame is None:
        return Html("")
    if index is None:
        index = not isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    if frame.index.name is not None:
        frame = frame.reset_index()
    if names:
        frame = with_account_names(frame, names)
    text = frame.to_html(index=index, classes="tk-table", border=0, na_rep="", escape=True)
    text = _SEVERITY_CELL.sub(r'<td><span class="tk-sev tk-sev-\1">\1</span></td>', text)
    text = _STATUS_CELL.sub(r'<td class="tk-status-\1">\1</td>', text)
    text = _NUMBER_CELL.sub(r'<td class="tk-num">\1</td>', text)
    text = _LONG_CELL.sub(r'<td class="tk-long">\1</td>', text)
    return Html(text.replace(' style="text-align: right;"', ""))


def counts_table(counts: Mapping[str, int], key: str = "status") -> Html:
    """A mapping of counts (``{'FAIL': 321, ...}``) as a two-column table, never a dict."""
    frame = pd.DataFrame({key: list(counts), "count": [int(v) for v in counts.values()]})
    return table(frame)


def interactive_table(frame: pd.DataFrame, *, page_length: int = 25, **options: Any) -> Html:
    """``frame`` as a table readers search, sort and filter column by column, offline: itables
    embeds DataTables (its JavaScript and CSS) in the output, once per page."""
    from importlib.resources import files

    import itables
    from itables.javascript import generate_init_offline_itables_html

    bundle = files(itables) / "html" / "dt_bundle.js"
    # long ids and sentences break anywhere, so that the table fits the page
    wrap = [i for i, c in enumerate(frame.columns) if c in ("resource_id", "detail", "title")]
    table_html = itables.to_html_datatable(
        frame,
        connected=False,
        maxBytes=0,
        showIndex=False,
        pageLength=page_length,
        deferRender=True,
        column_filters="header",
        display_logo_when_loading=False,
        classes="display compact",
        style="table-layout:auto;width:100%;margin:0;caption-side:bottom",
        autoWidth=False,
        columnDefs=[{"targets": wrap, "className": "tk-wrap"}, *_severity_cells(frame)],
        **options,
    )
    if not _BUNDLE_SHOWN:  # DataTables once per page (~800 kB), with the first table
        table_html = generate_init_offline_itables_html(str(bundle)) + table_html
        _BUNDLE_SHOWN.append(True)
    return Html(_drop_static_preview(table_html))


def _severity_cells(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The severity column coloured as in every other table, by the browser as rows are drawn
    (a class per cell, not HTML in the data: 100,000 rows stay small)."""
    from itables import JavascriptFunction

    if "severity" not in frame.columns:
        return []
    colour = "function (td, value) { td.classList.add('tk-sev-cell', 'tk-sev-' + value); }"
    return [
        {"targets": [frame.columns.get_loc("severity")], "createdCell": JavascriptFunction(colour)}
    ]


#: Whether this kernel has shown the DataTables bundle already (a report is one kernel).
_BUNDLE_SHOWN: list[bool] = []


_STATIC_PREVIEW = re.compile(r'(<div id="[^"]*_fallback">).*?</table></div>', re.S)
_LINK = re.compile(r"<a href=\"?https?://[^\s>\"]*\"?>(.*?)</a>", re.S)


def _drop_static_preview(text: str) -> str:
    """Without the static copy itables puts before the table for pages without JavaScript: for
    100,000 findings it doubles the page. Links to itables.org go too (the page reads offline)."""
    return _LINK.sub(r"\1", _STATIC_PREVIEW.sub(r"\1</div>", text))


_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_FIRST_TITLE = re.compile(r"</h1>")


def add_contents(page: str) -> str:
    """The exported page with a table of contents after its title: one link per section (each
    ``##`` heading, by the anchor nbconvert gives it)."""
    entries = []
    for anchor, inner in _HEADING.findall(page):
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        entries.append(f'<li><a href="#{anchor}">{text}</a></li>')
    if len(entries) < 2:
        return page
    nav = f'<nav class="tk-contents"><strong>Contents</strong><ol>{"".join(entries)}</ol></nav>'
    match = _FIRST_TITLE.search(page)
    if match is None:
        return page
    return page[: match.end()] + nav + page[match.end() :]
