"""The building blocks of the ``drift`` report: what changed between two audits.

The report compares two snapshots (``old``, ``new``), or a snapshot with the estate now. Run
with no snapshot on the demo estate, it compares the demo with a copy of itself that has six
documented changes made in memory (``example``), so the report shows every section without a
second collection. Each function gives a DataFrame, a sentence or a figure, so the notebook
stays one line per cell and what the report says is tested here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..accounts import ACCOUNTS_TABLE, account_label, account_names
from ..changes import FINDING_CHANGES, Diff, read_findings
from ..checks.runner import SEVERITY_DTYPE, run_checks
from ..inventory import Inventory, as_inventory
from ..render.graph import plural
from .sections import figure_html

#: What the demo example collects: enough for its six changes and the accounts' names.
EXAMPLE_TABLES = [
    ACCOUNTS_TABLE,
    "s3.buckets",
    "iam.access_keys",
    "ec2.instances",
    "ec2.security_group_rules",
]
#: The checks the example runs: those of the services it collects.
EXAMPLE_CHECKS = ["s3", "iam", "ec2"]
#: Colours of the change kinds, in the charts.
COLOURS = {
    "added": "#2ca02c",
    "removed": "#d62728",
    "changed": "#1f77b4",
    "new": "#d62728",
    "resolved": "#2ca02c",
    "still failing": "#ff7f0e",
    "newly muted": "#7f7f7f",
    "unmuted": "#9467bd",
}


@dataclass
class Compared:
    """The two sides, their findings, and what the example changed (empty otherwise)."""

    old: Inventory
    new: Inventory
    old_findings: pd.DataFrame
    new_findings: pd.DataFrame
    made: pd.DataFrame


def compared(
    old: str | None,
    new: str | None,
    now: Callable[[], Inventory],
    *,
    demo: bool = False,
    mutes: Any = None,
    old_findings: str | None = None,
    new_findings: str | None = None,
) -> Compared:
    """The two sides the report compares: snapshots ``old`` and ``new``; or ``old`` and the
    estate ``now()`` gives; or, with neither and ``demo``, the demo and its example copy."""
    if new and not old:
        raise ValueError("Give the earlier snapshot too (old): a drift is between two audits.")
    if not old and not demo:
        raise ValueError("Give the earlier snapshot (old), or run the demo's example (demo).")
    if not old:
        return example(now(), mutes)
    before = as_inventory(old)
    after = as_inventory(new) if new else now()
    return Compared(
        before,
        after,
        read_findings(old_findings) if old_findings else run_checks(before, mutes=mutes),
        read_findings(new_findings) if new_findings else run_checks(after, mutes=mutes),
        pd.DataFrame(columns=["change", "what"]),
    )


def example(current: Inventory, mutes: Any = None) -> Compared:
    """The demo (``old``) and a copy with six changes (``new``): a bucket created, a bucket
    made public, an access key rotated, an instance terminated, a security group rule removed,
    and one failing finding muted."""
    frames = {name: current[name].copy() for name in current.tables}
    made: list[tuple[str, str]] = []
    buckets = frames["s3.buckets"]
    private = buckets[~buckets["policy_public"].fillna(False).astype(bool)].sort_values("name")
    template = private.iloc[0]
    created = f"{template['name']}-copy"
    row = template.copy()
    row[["name", "arn"]] = [created, f"arn:aws:s3:::{created}"]
    buckets = pd.concat([buckets, row.to_frame().T.astype(buckets.dtypes)], ignore_index=True)
    made.append(("bucket created", created))
    # a bucket nothing blocks from being public, bucket or account
    unblocked = private[
        ~private["pab_block_public_policy"].fillna(False).astype(bool)
        & ~private["account_pab_block_public_policy"].fillna(False).astype(bool)
        & (private["name"] != template["name"])
    ]
    public = unblocked.iloc[0]["name"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{public}/*",
            }
        ],
    }
    at = buckets["name"] == public
    buckets.loc[at, "policy"] = json.dumps(policy)
    buckets.loc[at, "policy_public"] = True
    frames["s3.buckets"] = buckets
    made.append(("bucket made public (policy for everyone)", public))

    keys = frames["iam.access_keys"]
    oldest = keys.sort_values(["create_date", "access_key_id"]).index[0]
    rotated = keys.loc[oldest, "access_key_id"]
    keys.loc[oldest, "access_key_id"] = rotated[:-4] + "NEW0"
    keys.loc[oldest, "create_date"] = pd.Timestamp.now(tz="UTC")
    made.append(("access key rotated", f"{rotated} of {keys.loc[oldest, 'user_name']}"))

    instances = frames["ec2.instances"]
    running = instances[instances["public_ip"].notna()].sort_values("instance_id")
    gone = running.index[0]
    instances.loc[gone, "state"] = "terminated"
    instances.loc[gone, "public_ip"] = pd.NA
    made.append(("instance terminated", instances.loc[gone, "instance_id"]))

    rules = frames["ec2.security_group_rules"]
    open_rules = rules[rules["open_to_internet"].fillna(False).astype(bool)]
    removed = open_rules[open_rules["direction"] == "ingress"].sort_values("security_group_rule_id")
    rule = removed.iloc[0]
    frames["ec2.security_group_rules"] = rules.drop(index=rule.name).reset_index(drop=True)
    made.append(
        (
            "security group rule removed",
            f"{rule['security_group_rule_id']} of {rule['group_id']} (port {rule['from_port']})",
        )
    )

    after = Inventory(frames, current.errors, {**current.meta, "example": "demo with six changes"})
    old_findings = run_checks(current, EXAMPLE_CHECKS, mutes)
    failing = old_findings[
        (old_findings["status"] == "FAIL")
        & ~old_findings["resource_id"].isin([created, public, instances.loc[gone, "instance_id"]])
    ]
    muted = failing.sort_values(["check_id", "resource_id"]).iloc[0]
    mute = {
        "check": muted["check_id"],
        "account": muted["account_id"],
        "resource": muted["resource_id"],
        "reason": "accepted in the example",
        "expires": "2999-12-31",
    }
    new_findings = run_checks(after, EXAMPLE_CHECKS, [*(mutes or []), mute])
    made.append(("finding muted", f"{muted['check_id']} on {muted['resource_id']}"))
    table = pd.DataFrame(made, columns=["change", "what"])
    return Compared(current, after, old_findings, new_findings, table)


def names(compared: Compared) -> dict[str, str]:
    """Account names from either side (the newer wins)."""
    return {**account_names(compared.old), **account_names(compared.new)}


def summary(diff: Diff) -> pd.DataFrame:
    """The counts on one table: tables and rows that changed, findings per kind of change."""
    changes = diff.changes
    moved = diff.summary()
    kinds = diff.findings["change"].value_counts()
    rows = [
        ("tables compared", len(diff.tables)),
        ("tables changed", len(moved)),
        ("rows added", int((changes["change"] == "added").sum())),
        ("rows removed", int((changes["change"] == "removed").sum())),
        ("rows changed", int(moved["changed"].sum()) if len(moved) else 0),
        *((f"findings {kind}", int(kinds.get(kind, 0))) for kind in FINDING_CHANGES),
    ]
    return pd.DataFrame(rows, columns=["what", "count"])


def sides(compared: Compared) -> pd.DataFrame:
    """When each side was collected, and how much it holds."""
    rows = []
    for side, inventory in (("old", compared.old), ("new", compared.new)):
        meta = inventory.meta
        rows.append(
            {
                "side": side,
                "collected": str(meta.get("started", ""))[:19].replace("T", " "),
                "tables": len(inventory.tables),
                "rows": sum(len(inventory[name]) for name in inventory.tables),
                "accounts": len(meta.get("accounts", [])),
            }
        )
    return pd.DataFrame(rows)


def summary_text(diff: Diff) -> str:
    """The diff in one sentence."""
    if diff.empty:
        return "Nothing changed: every row and every finding is as it was."
    moved = diff.summary()
    return (
        f"{plural(len(moved), 'table')} of {len(diff.tables)} changed: "
        f"{plural(int(moved['added'].sum()), 'row')} added, {int(moved['removed'].sum())} "
        f"removed, {int(moved['changed'].sum())} changed. "
        f"{plural(int((diff.findings['change'] == 'new').sum()), 'finding')} new, "
        f"{int((diff.findings['change'] == 'resolved').sum())} resolved."
    )


def changes_chart_html(diff: Diff) -> str:
    """Rows added, removed and changed per table, as a stacked bar chart (embedded PNG)."""
    moved = diff.summary()
    if moved.empty:
        return "<p>No table changed.</p>"
    kinds = ["added", "removed", "changed"]
    return _bars(moved.set_index("table")[kinds], "rows", "Changes per table")


def table_changes(diff: Diff, names: dict[str, str]) -> list[tuple[str, pd.DataFrame]]:
    """Per table that changed: its rows added, removed and changed (one line per changed
    value), with the account by name."""
    out = []
    for table in diff.summary()["table"]:
        rows = diff.table(table)
        frame = pd.DataFrame(
            {
                "change": rows["change"],
                "account": [account_label(str(a), names) for a in rows["account_id"]],
                "region": rows["region"],
                "key": rows["key"],
                "column": rows["column"].fillna(""),
                "old": rows["old"].map(_short, na_action="ignore"),
                "new": rows["new"].map(_short, na_action="ignore"),
            }
        )
        out.append((table, frame))
    return out


def findings_chart_html(diff: Diff) -> str:
    """Findings per kind of change and severity, as a stacked bar chart (embedded PNG)."""
    if diff.findings.empty:
        return "<p>No finding failed on either side.</p>"
    counts = pd.crosstab(diff.findings["severity"], diff.findings["change"])
    counts = counts.reindex(columns=[k for k in FINDING_CHANGES if k in counts.columns])
    counts.index = counts.index.astype(str)
    return _bars(counts.iloc[::-1], "findings", "Findings by severity and change")


def findings_by_severity(diff: Diff) -> pd.DataFrame:
    """Findings per severity (most severe first) and kind of change."""
    counts = pd.crosstab(diff.findings["severity"], diff.findings["change"])
    counts = counts.reindex(columns=list(FINDING_CHANGES), fill_value=0)
    counts = counts.reindex(list(SEVERITY_DTYPE.categories)[::-1], fill_value=0)
    counts.index = counts.index.astype(str)
    counts.index.name, counts.columns.name = "severity", None
    return counts.astype(int)


def findings_table(diff: Diff, change: str, names: dict[str, str]) -> pd.DataFrame:
    """The findings of one kind of change, most severe first, with the account by name."""
    rows = diff.findings[diff.findings["change"] == change]
    return pd.DataFrame(
        {
            "severity": rows["severity"].astype(str),
            "check": rows["check_id"],
            "title": rows["title"],
            "account": [account_label(str(a), names) for a in rows["account_id"]],
            "region": rows["region"],
            "resource": rows["resource_id"],
            "was": rows["old_status"].fillna("absent"),
            "now": rows["new_status"].fillna("absent"),
        }
    ).reset_index(drop=True)


def findings_text(diff: Diff, change: str) -> str:
    """How many findings moved this way, in one sentence."""
    count = int((diff.findings["change"] == change).sum())
    meaning = {
        "new": "fail now and did not before",
        "resolved": "failed before and pass now, or their resource is gone",
        "still failing": "failed before and still do",
        "newly muted": "failed before and are muted (accepted) now",
        "unmuted": "were muted before and fail now (the mute ended or was removed)",
    }[change]
    return f"{plural(count, 'finding')} {meaning}."


def _short(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _bars(counts: pd.DataFrame, unit: str, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from matplotlib.ticker import MaxNLocator

    height = 1.2 + 0.35 * len(counts)
    figure, axes = plt.subplots(figsize=(8, height))
    left = pd.Series(0, index=counts.index)
    for kind in counts.columns:
        values = counts[kind]
        axes.barh(counts.index, values, left=left, label=kind, color=COLOURS.get(kind))
        left = left + values
    axes.invert_yaxis()
    axes.set_xlabel(unit)
    axes.set_title(title)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    figure.tight_layout()
    plt.close(figure)
    return figure_html(figure)
