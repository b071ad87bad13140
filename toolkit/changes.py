"""What changed between two inventories: rows added, removed and changed, and findings moved.

Rows are matched by their table's key (``account_id``, ``region`` and the declared key, e.g.
``arn``); a table with no declared key is matched on every column, so a change there shows as
one row removed and one added. A key met twice in one inventory is matched in order of
appearance. Timestamps are compared by the instant they name (whatever precision each side
holds), other values as they would be written (lists and maps by their JSON text), so a
snapshot and the live inventory it was saved from differ in nothing.

Findings are matched by (check, account, region, resource). Each pair falls in one of:
``new`` (failing now, not before), ``resolved`` (failing before, passing or gone now),
``still failing``, ``newly muted`` (failing before, muted now) and ``unmuted`` (muted before,
failing now). Findings that pass in both, or that are errors, are not changes.

The comparison works on whole columns, never a loop over rows (``toolkit.rowmatch``: keys
matched as sorted integer codes, values compared as they are where that is the same as by their
text, only changed values written): two inventories of a million rows each diff in seconds
(``make bench``, section ``diff``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import UsageError
from .files import atomic_directory
from .rowmatch import as_text, match_rows, moved_values, row_reader, scatter, text_at

#: The columns of ``Diff.changes``: one row per row added or removed, one per changed value.
CHANGE_COLUMNS = ["table", "change", "account_id", "region", "key", "column", "old", "new"]
#: The columns of ``Diff.findings``.
FINDING_CHANGE_COLUMNS = [
    "change",
    "check_id",
    "title",
    "severity",
    "account_id",
    "region",
    "resource_id",
    "old_status",
    "new_status",
    "detail",
]
FINDING_CHANGES = ("new", "resolved", "still failing", "newly muted", "unmuted")
FINDING_KEY = ["check_id", "account_id", "region", "resource_id"]


@dataclass
class Diff:
    """The difference from ``old`` to ``new``: ``changes`` (per table), ``findings``,
    ``summary()``; ``save(dir)`` writes them as Parquet and CSV."""

    changes: pd.DataFrame
    findings: pd.DataFrame
    #: Each table's row counts: table, old_rows, new_rows, added, removed, changed.
    tables: pd.DataFrame
    old_meta: dict[str, Any] = field(default_factory=dict)
    new_meta: dict[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame:
        """The changes of one table."""
        return self.changes[self.changes["table"] == name].reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """The tables where something changed, with their counts."""
        moved = self.tables[["added", "removed", "changed"]].sum(axis=1) > 0
        return self.tables[moved].reset_index(drop=True)

    def finding_counts(self) -> pd.DataFrame:
        """Finding changes per kind and severity."""
        counts = (
            self.findings.groupby(["change", "severity"], observed=True)
            .size()
            .rename("findings")
            .reset_index()
        )
        return counts[counts["findings"] > 0].reset_index(drop=True)

    @property
    def empty(self) -> bool:
        """True when no row and no finding changed."""
        moved = self.findings["change"] != "still failing"
        return self.changes.empty and not moved.any()

    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write ``changes``, ``findings`` and ``tables`` as Parquet and CSV, and
        ``meta.json``, atomically (a directory that exists is complete)."""
        target = Path(directory)
        not_diff = target.exists() and not (target / "meta.json").is_file()
        if not_diff and (not target.is_dir() or any(target.iterdir())):
            raise UsageError(
                f"{target} exists and is not a diff; choose an empty or new directory."
            )
        with atomic_directory(target) as staging:
            for name in ("changes", "findings", "tables"):
                frame = getattr(self, name)
                frame.to_parquet(staging / f"{name}.parquet", index=False)
                frame.to_csv(staging / f"{name}.csv", index=False)
            meta = {"old": self.old_meta, "new": self.new_meta}
            (staging / "meta.json").write_text(json.dumps(meta, indent=2, default=str))
            for path in staging.iterdir():
                os.chmod(path, 0o600)
        return target

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Diff:
        """Read a diff written by ``save``."""
        source = Path(directory)
        if not (source / "meta.json").is_file():
            raise UsageError(
                f"{source} holds no diff (no meta.json); write one with 'toolkit diff OLD NEW "
                "-o DIR'."
            )
        meta = json.loads((source / "meta.json").read_text())
        frames = {n: pd.read_parquet(source / f"{n}.parquet") for n in ("changes", "findings")}
        return cls(
            frames["changes"],
            _finding_dtypes(frames["findings"]),
            pd.read_parquet(source / "tables.parquet"),
            meta.get("old") or {},
            meta.get("new") or {},
        )

    def _repr_html_(self) -> str:
        counts = self.findings["change"].value_counts()
        head = (
            f"<p><b>Diff</b>: {len(self.summary())} tables changed, "
            f"{(self.changes['change'] == 'added').sum()} rows added, "
            f"{(self.changes['change'] == 'removed').sum()} removed, "
            f"{self.changes.loc[self.changes['change'] == 'changed', 'key'].nunique()} changed; "
            + ", ".join(f"{counts.get(c, 0)} findings {c}" for c in FINDING_CHANGES)
            + "</p>"
        )
        return head + self.summary().to_html(index=False)

    def __repr__(self) -> str:
        return f"<Diff {len(self.summary())} tables changed, {len(self.changes)} changes>"


def compare(
    old: Any,
    new: Any,
    *,
    old_findings: pd.DataFrame | None = None,
    new_findings: pd.DataFrame | None = None,
    mutes: Any = None,
    findings: bool = True,
    activity: bool = False,
) -> Diff:
    """What changed from inventory ``old`` to inventory ``new`` (``toolkit.diff`` and
    ``Inventory.diff`` call it, after reading any snapshot directory given).

    Findings missing from the arguments are computed with ``run_checks(inventory, mutes=...)``;
    give the findings each run had (``toolkit checks run -o``) to see what was muted between
    them. ``findings=False`` compares the tables only. Columns a table declares as activity
    (last used, last delivery, age: they move with use, not with configuration) are compared
    only with ``activity=True``.
    """
    old_inv, new_inv = old, new
    from .collectors.base import REGISTRY

    names = list(dict.fromkeys([*old_inv.tables, *new_inv.tables]))
    parts, counts = [], []
    for name in names:
        before = old_inv.get(name)
        after = new_inv.get(name)
        table = REGISTRY.get(name)
        key = tuple(table.key) if table is not None and table.key else ()
        ignore = () if activity or table is None else table.activity
        frame, count = diff_table(name, before, after, key, ignore)
        parts.append(frame)
        counts.append(count)
    changes = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHANGE_COLUMNS)
    changes = changes.astype(dict.fromkeys(CHANGE_COLUMNS, "string"))
    tables = pd.DataFrame(
        counts, columns=["table", "old_rows", "new_rows", "added", "removed", "changed"]
    )
    if findings:
        from .checks.runner import run_checks

        if old_findings is None:
            old_findings = run_checks(old_inv, mutes=mutes)
        if new_findings is None:
            new_findings = run_checks(new_inv, mutes=mutes)
        moved = diff_findings(old_findings, new_findings)
    else:
        moved = _finding_dtypes(pd.DataFrame(columns=FINDING_CHANGE_COLUMNS))
    return Diff(changes, moved, tables, dict(old_inv.meta), dict(new_inv.meta))


def diff_table(
    name: str,
    old: pd.DataFrame | None,
    new: pd.DataFrame | None,
    key: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, tuple[str, int, int, int, int, int]]:
    """One table's changes (``CHANGE_COLUMNS``) and its counts, leaving out the ``ignore``
    columns; a table missing on one side counts as empty there."""
    old = _empty_like(new) if old is None else old
    new = _empty_like(old) if new is None else new
    columns = [c for c in dict.fromkeys([*old.columns, *new.columns]) if c not in ignore]
    old, new = old.reindex(columns=columns), new.reindex(columns=columns)
    if old.equals(new):  # the common case, at a fraction of the cost
        return pd.DataFrame(columns=CHANGE_COLUMNS), (name, len(old), len(new), 0, 0, 0)
    where = [c for c in ("account_id", "region") if c in columns]
    match = list(dict.fromkeys([*where, *key])) if key else columns
    before, after = _keyed(old, match), _keyed(new, match)
    old_at, new_at = match_rows(before, after)
    in_old, in_new = old_at >= 0, new_at >= 0
    named_by = match[len(where) :] or match
    parts = []
    for change, rows in (
        ("added", after.take(new_at[in_new & ~in_old])),
        ("removed", before.take(old_at[in_old & ~in_new])),
    ):
        if len(rows):
            parts.append(_rows(name, change, rows, named_by))
    left, right = old_at[in_old & in_new], new_at[in_old & in_new]
    # The pairs read in the old rows' order, where the new rows mostly follow it too.
    in_order = scatter(left, len(old), np.arange(len(left)))
    in_order = in_order[in_order >= 0]
    reads = (row_reader(left[in_order], len(old)), row_reader(right[in_order], len(new)))
    changed = np.zeros(len(left), dtype=bool)
    for column in columns:
        if column in match or not len(left):
            continue
        moved_in_order, was, now = moved_values(old[column], new[column], *reads)
        if not moved_in_order.any():
            continue
        moved = np.zeros(len(left), dtype=bool)
        moved[in_order[moved_in_order]] = True
        changed |= moved
        rows = _rows(name, "changed", before.take(left[moved]), named_by)
        rows["column"] = column
        rows["old"], rows["new"] = text_at(was, left[moved]), text_at(now, right[moved])
        parts.append(rows)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHANGE_COLUMNS)
    added, removed = int((in_new & ~in_old).sum()), int((in_old & ~in_new).sum())
    return frame, (name, len(old), len(new), added, removed, int(changed.sum()))


def diff_findings(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Findings that moved (``FINDING_CHANGE_COLUMNS``), most severe first."""
    keep = [*FINDING_KEY, "title", "severity", "status", "detail"]
    before = _plain(old.reindex(columns=keep))
    after = _plain(new.reindex(columns=keep))
    joined = before.merge(after, on=FINDING_KEY, how="outer", suffixes=("_old", "_new"))
    was, now = joined["status_old"].fillna(""), joined["status_new"].fillna("")
    change = pd.Series(pd.NA, index=joined.index, dtype="object")
    change[(now == "FAIL") & ~was.isin(["FAIL", "MUTED"])] = "new"
    change[(was == "FAIL") & now.isin(["PASS", ""])] = "resolved"
    change[(was == "FAIL") & (now == "FAIL")] = "still failing"
    change[(was == "FAIL") & (now == "MUTED")] = "newly muted"
    change[(was == "MUTED") & (now == "FAIL")] = "unmuted"
    joined["change"] = change
    joined = joined[joined["change"].notna()]
    out = pd.DataFrame(
        {
            "change": joined["change"],
            **{c: joined[c] for c in FINDING_KEY},
            "title": joined["title_new"].fillna(joined["title_old"]),
            "severity": joined["severity_new"].fillna(joined["severity_old"]),
            "old_status": joined["status_old"],
            "new_status": joined["status_new"],
            "detail": joined["detail_new"].fillna(joined["detail_old"]),
        }
    )
    out = _finding_dtypes(out.reindex(columns=FINDING_CHANGE_COLUMNS))
    order = {c: i for i, c in enumerate(FINDING_CHANGES)}
    return out.sort_values(
        ["change", "severity", "check_id", "account_id", "region", "resource_id"],
        key=lambda s: s.map(order) if s.name == "change" else s,
        ascending=[True, False, True, True, True, True],
        ignore_index=True,
    )


def read_findings(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Findings as ``toolkit checks run -o`` wrote them (CSV or Parquet), with the dtypes
    ``run_checks`` gives: ids stay text (an account id is not a number), severity is ordered."""
    from .checks.runner import SEVERITY_DTYPE, STATUS_DTYPE

    source = Path(path)
    if not source.is_file():
        raise UsageError(
            f"Findings file {source} does not exist; write one with 'toolkit checks run'."
        )
    if source.suffix not in (".csv", ".parquet"):
        raise UsageError(f"Cannot read findings from {source}; give a .csv or .parquet file.")
    try:
        frame = (
            pd.read_parquet(source)
            if source.suffix == ".parquet"
            else pd.read_csv(source, dtype="string")
        )
    except Exception as exc:
        raise UsageError(f"Findings file {source} is unreadable ({type(exc).__name__}).") from None
    missing = {*FINDING_KEY, "title", "severity", "status"} - set(frame.columns)
    if missing:
        raise UsageError(
            f"{source} holds no findings (no {', '.join(sorted(missing))} column); write it "
            "with 'toolkit checks run -o'."
        )
    frame = frame.astype({c: "string" for c in [*FINDING_KEY, "title", "detail"] if c in frame})
    try:
        frame["severity"] = frame["severity"].astype("string").astype(SEVERITY_DTYPE)
        frame["status"] = frame["status"].astype("string").astype(STATUS_DTYPE)
    except (TypeError, ValueError):
        raise UsageError(f"{source} has a severity or status no check gives.") from None
    if (frame["severity"].isna() | frame["status"].isna()).any():
        raise UsageError(f"{source} has a severity or status no check gives.")
    return frame


def _empty_like(frame: pd.DataFrame | None) -> pd.DataFrame:
    return pd.DataFrame() if frame is None else frame.iloc[0:0]


def _keyed(frame: pd.DataFrame, match: list[str]) -> pd.DataFrame:
    """The frame's key columns as their written text."""
    return pd.DataFrame({name: as_text(frame[name]).array for name in match})


def _rows(name: str, change: str, rows: pd.DataFrame, named_by: list[str]) -> pd.DataFrame:
    """``CHANGE_COLUMNS`` for the joined ``rows``, with no column or values yet."""
    return pd.DataFrame(
        {
            "table": name,
            "change": change,
            "account_id": _column(rows, "account_id"),
            "region": _column(rows, "region"),
            "key": _key_text(rows, named_by).to_numpy(),
            "column": pd.NA,
            "old": pd.NA,
            "new": pd.NA,
        }
    )


def _key_text(joined: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Each row's key as one string (its key columns joined by ``|``)."""
    text = joined[columns[0]].fillna("")
    for column in columns[1:]:
        text = text + "|" + joined[column].fillna("")
    return text


def _column(rows: pd.DataFrame, name: str) -> Any:
    return rows[name].to_numpy() if name in rows else pd.NA


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Findings with plain string columns (categoricals merge badly across runs)."""
    return frame.astype({c: "string" for c in frame.columns})


def _finding_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    from .checks.runner import with_severity_order

    return with_severity_order(frame.astype({c: "string" for c in frame if c != "severity"}))
