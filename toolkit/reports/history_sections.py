"""The audit report's "Findings over time", from a history (``toolkit collect --history DIR``).

Each run's findings are those recorded with it (the checks and mutes of the time), so the trend
shows what was found then. The notebook cell is one call, ``findings_over_time(history)``;
the tables and the chart are plain functions, tested in Python.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..accounts import ACCOUNTS_TABLE, account_label, account_names
from ..checks.base import SEVERITIES
from ..history import History
from .sections import figure_html

Source = History | str | os.PathLike[str]


def as_history(source: Source) -> History:
    """``source`` itself, or the history in that directory."""
    return source if isinstance(source, History) else History(source)


def report_snapshot(snapshot: str | None, history: Source | None) -> str | None:
    """The snapshot a report reads: the one given, else the latest run of ``history`` (so
    ``-p history DIR`` alone reports on the latest run, with no AWS call)."""
    if snapshot or not history:
        return snapshot
    kept = as_history(history)
    return str(kept.run_path(-1)) if kept.run_ids else None


def fail_trend(source: Source) -> pd.DataFrame:
    """FAIL findings per severity (columns, most severe first) per run (rows, oldest first)."""
    history = as_history(source)
    findings = history.findings()
    runs = history.run_ids
    if findings.empty:
        table = pd.DataFrame(0, index=runs, columns=list(SEVERITIES))
    else:
        failed = findings[findings["status"] == "FAIL"]
        table = pd.crosstab(failed["run"], failed["severity"].astype(str))
        table = table.reindex(index=runs, columns=list(SEVERITIES), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "run"
    table.columns.name = None
    return table.astype(int)


def fail_by_account(source: Source, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """FAIL findings per account (rows, ``Name (id)``) per run (columns): which account got
    better or worse. ``names``: account names; by default those of the latest run."""
    history = as_history(source)
    findings = history.findings()
    runs = history.run_ids
    if names is None:
        organization = history.table(ACCOUNTS_TABLE) if runs else None
        names = account_names({} if organization is None else {ACCOUNTS_TABLE: organization})
    if findings.empty:
        return pd.DataFrame(columns=runs, index=pd.Index([], name="account"), dtype=int)
    failed = findings[findings["status"] == "FAIL"]
    table = pd.crosstab(failed["account_id"].astype(str), failed["run"])
    table = table.reindex(columns=runs, fill_value=0)
    table = table.sort_values(runs[-1], ascending=False, kind="stable")
    table.index = [account_label(ident, names) for ident in table.index]
    table.index.name = "account"
    table.columns.name = None
    return table.astype(int)


def trend_chart(source: Source) -> Any:
    """A line chart of FAIL findings per severity over the runs (a matplotlib Figure)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    trend = fail_trend(source)
    palette = ["#7b0000", "#d62728", "#ff7f0e", "#f2c12e", "#7f7f7f"]
    colours = dict(zip(SEVERITIES, palette, strict=True))
    figure, axes = plt.subplots(figsize=(7, 3))
    positions = range(len(trend))
    for severity in SEVERITIES:
        axes.plot(positions, trend[severity], marker="o", label=severity, color=colours[severity])
    axes.set_xticks(list(positions), [_short_run(run) for run in trend.index], rotation=30)
    axes.set_ylabel("failing resources")
    axes.set_title("Findings over time")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1, 1))
    figure.tight_layout()
    plt.close(figure)
    return figure


def findings_over_time(source: Source | None, names: Mapping[str, str] | None = None) -> str:
    """The report section as HTML: heading, a sentence, the chart (PNG), FAILs per severity
    and per account over the runs; "" when no history is given."""
    if source is None or source == "":
        return ""
    history = as_history(source)
    trend = fail_trend(history)
    parts = ["<h2>Findings over time</h2>"]
    if trend.empty:
        parts.append(f"<p>The history in {html.escape(str(history.path))} holds no run yet.</p>")
        return "".join(parts)
    parts.append(f"<p>{html.escape(trend_text(trend))}</p>")
    parts.append(figure_html(trend_chart(history)))
    parts.append("<h3>Failing findings per severity</h3>" + trend.to_html())
    accounts = fail_by_account(history, names)
    parts.append("<h3>Failing findings per account</h3>" + accounts.to_html())
    return "".join(parts)


def trend_text(trend: pd.DataFrame) -> str:
    """One sentence: how many runs, and how the FAIL total moved from the first to the last."""
    first, last = int(trend["total"].iloc[0]), int(trend["total"].iloc[-1])
    if len(trend) == 1:
        return f"One run recorded so far, with {last} failing findings."
    change = last - first
    moved = "no change" if change == 0 else f"{'+' if change > 0 else ''}{change}"
    return (
        f"{len(trend)} runs from {_short_run(trend.index[0])} to {_short_run(trend.index[-1])}: "
        f"{first} failing findings then, {last} in the latest run ({moved})."
    )


def _short_run(run: str) -> str:
    """``20261130T120000Z`` as ``2026-11-30 12:00:00`` (a second run of that second keeps
    its ``-1``)."""
    stamp, _, again = run.partition("-")
    text = f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]}:{stamp[13:15]}"
    return f"{text} ({again})" if again else text
