"""The drift report's building blocks on a small diff made by ``diff_table`` and
``diff_findings``: the counts, the sentences, the tables with accounts by name, the charts."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.changes import CHANGE_COLUMNS, Diff, diff_findings, diff_table
from toolkit.checks.runner import SEVERITY_DTYPE
from toolkit.inventory import Inventory
from toolkit.reports import drift_sections as report

ACCOUNT = "111111111111"


def buckets(*names: str, public: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": [ACCOUNT] * len(names),
            "region": ["us-east-1"] * len(names),
            "name": list(names),
            "policy_public": [n in public for n in names],
        }
    )


def findings(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "check_id": check,
                "title": check.replace("_", " "),
                "severity": severity,
                "account_id": ACCOUNT,
                "region": "us-east-1",
                "resource_id": resource,
                "status": status,
                "detail": "",
            }
            for check, resource, status, severity in rows
        ]
    )
    frame["severity"] = frame["severity"].astype(SEVERITY_DTYPE)
    return frame


@pytest.fixture
def diff() -> Diff:
    """a and b before; b made public, a gone, c new. Findings: one new (high), one resolved
    (low), one still failing (critical)."""
    old, new = buckets("a", "b"), buckets("b", "c", public=("b",))
    changes, counts = diff_table("s3.buckets", old, new, ("name",))
    same, same_counts = diff_table("iam.users", buckets("u"), buckets("u"), ("name",))
    tables = pd.DataFrame(
        [counts, same_counts],
        columns=["table", "old_rows", "new_rows", "added", "removed", "changed"],
    )
    moved = diff_findings(
        findings(("public", "a", "FAIL", "low"), ("logging", "b", "FAIL", "critical")),
        findings(("public", "b", "FAIL", "high"), ("logging", "b", "FAIL", "critical")),
    )
    frame = pd.concat([changes, same]).astype(dict.fromkeys(CHANGE_COLUMNS, "string"))
    return Diff(frame.reset_index(drop=True), moved, tables)


def test_the_summary_counts_tables_rows_and_findings(diff: Diff) -> None:
    counts = dict(zip(*report.summary(diff).T.values, strict=True))
    assert counts["tables compared"] == 2 and counts["tables changed"] == 1
    assert (counts["rows added"], counts["rows removed"], counts["rows changed"]) == (1, 1, 1)
    assert (counts["findings new"], counts["findings resolved"]) == (1, 1)
    assert (counts["findings still failing"], counts["findings unmuted"]) == (1, 0)
    assert report.summary_text(diff) == (
        "1 table of 2 changed: 1 row added, 1 removed, 1 changed. 1 finding new, 1 resolved."
    )


def test_an_empty_diff_says_nothing_changed() -> None:
    empty = Diff(
        pd.DataFrame(columns=CHANGE_COLUMNS),
        diff_findings(findings(("c", "r", "PASS", "low")), findings(("c", "r", "PASS", "low"))),
        pd.DataFrame(
            [["t", 1, 1, 0, 0, 0]],
            columns=["table", "old_rows", "new_rows", "added", "removed", "changed"],
        ),
    )
    assert report.summary_text(empty).startswith("Nothing changed")
    assert report.changes_chart_html(empty) == "<p>No table changed.</p>"
    assert "No finding" in report.findings_chart_html(empty)
    assert report.table_changes(empty, {}) == []


def test_each_table_lists_its_rows_with_the_account_by_name(diff: Diff) -> None:
    ((table, rows),) = report.table_changes(diff, {ACCOUNT: "prod"})
    assert table == "s3.buckets"
    assert set(rows["account"]) == {f"prod ({ACCOUNT})"}
    assert {(r.change, r.key, r.column) for r in rows.itertuples()} == {
        ("added", "c", ""),
        ("removed", "a", ""),
        ("changed", "b", "policy_public"),
    }
    assert rows.loc[rows["change"] == "changed", ["old", "new"]].values.tolist() == [
        ["False", "True"]
    ]


def test_findings_by_severity_and_kind(diff: Diff) -> None:
    table = report.findings_by_severity(diff)
    assert list(table.index) == ["critical", "high", "medium", "low", "informational"]
    assert table.loc["critical", "still failing"] == 1
    assert table.loc["high", "new"] == 1 and table.loc["low", "resolved"] == 1
    assert int(table.to_numpy().sum()) == 3
    new = report.findings_table(diff, "new", {ACCOUNT: "prod"})
    assert new[["check", "resource", "account", "was", "now"]].values.tolist() == [
        ["public", "b", f"prod ({ACCOUNT})", "absent", "FAIL"]
    ]
    resolved = report.findings_table(diff, "resolved", {})
    assert resolved[["resource", "account", "was", "now"]].values.tolist() == [
        ["a", ACCOUNT, "FAIL", "absent"]
    ]
    assert report.findings_text(diff, "new") == "1 finding fail now and did not before."


def test_the_charts_are_embedded_images(diff: Diff) -> None:
    for html in (report.changes_chart_html(diff), report.findings_chart_html(diff)):
        assert html.startswith('<img alt="chart" src="data:image/png;base64,')


def test_the_report_needs_an_earlier_side() -> None:
    def now() -> Inventory:
        raise AssertionError("not asked for")

    with pytest.raises(ValueError, match="earlier snapshot too"):
        report.compared(None, "new", now, demo=True)
    with pytest.raises(ValueError, match="earlier snapshot"):
        report.compared(None, None, now, demo=False)
