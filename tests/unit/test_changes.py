"""``toolkit.changes`` on small frames: keys met twice, a table on one side only, lists and
maps, missing values, tables without a key, activity columns, finding moves, and a diff that
comes back from disk as it was saved."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.changes import CHANGE_COLUMNS, FINDING_CHANGE_COLUMNS, Diff, diff_findings, diff_table
from toolkit.checks.runner import SEVERITY_DTYPE
from toolkit.errors import UsageError


def frame(**columns: list) -> pd.DataFrame:
    rows = len(next(iter(columns.values())))
    base = {"account_id": ["111111111111"] * rows, "region": ["us-east-1"] * rows}
    return pd.DataFrame({**base, **columns})


def moves(changes: pd.DataFrame) -> set[tuple]:
    return {
        (r.change, r.key, None if pd.isna(r.column) else r.column) for r in changes.itertuples()
    }


def test_a_value_changed_names_its_row_and_column_with_both_values() -> None:
    old = frame(name=["a", "b"], size=[1, 2])
    new = frame(name=["a", "b"], size=[1, 3])
    changes, counts = diff_table("t", old, new, ("name",))
    assert moves(changes) == {("changed", "b", "size")}
    assert changes.loc[0, ["old", "new"]].tolist() == ["2", "3"]
    assert list(changes.columns) == CHANGE_COLUMNS
    assert counts == ("t", 2, 2, 0, 0, 1)


def test_a_key_met_twice_is_matched_in_order_of_appearance() -> None:
    old = frame(name=["a", "a", "b"], size=[1, 2, 5])
    new = frame(name=["a", "b"], size=[1, 5])
    changes, counts = diff_table("t", old, new, ("name",))
    assert moves(changes) == {("removed", "a", None)}
    assert counts == ("t", 3, 2, 0, 1, 0)
    # the second "a" of each side pair up, and differ
    changes, _ = diff_table("t", old, frame(name=["a", "a", "b"], size=[1, 9, 5]), ("name",))
    assert moves(changes) == {("changed", "a", "size")}
    assert changes.loc[0, ["old", "new"]].tolist() == ["2", "9"]


def test_the_same_key_in_two_accounts_is_two_rows() -> None:
    old = frame(name=["a"], size=[1])
    new = pd.concat([old, old.assign(account_id="222222222222")], ignore_index=True)
    changes, _ = diff_table("t", old, new, ("name",))
    assert moves(changes) == {("added", "a", None)}
    assert changes.loc[0, "account_id"] == "222222222222"


@pytest.mark.parametrize("missing", ["old", "new"])
def test_a_table_on_one_side_only_is_all_added_or_all_removed(missing: str) -> None:
    present = frame(name=["a", "b"], size=[1, 2])
    old, new = (None, present) if missing == "old" else (present, None)
    changes, counts = diff_table("t", old, new, ("name",))
    kind = "added" if missing == "old" else "removed"
    assert moves(changes) == {(kind, "a", None), (kind, "b", None)}
    assert counts[1:3] == ((0, 2) if missing == "old" else (2, 0))


def test_lists_and_maps_compare_by_value_whatever_their_container() -> None:
    old = frame(
        name=["a", "b", "c"],
        tags=[{"x": 1, "y": 2}, {"x": 1}, None],
        groups=[np.array(["sg-1", "sg-2"]), ["sg-1"], []],
    )
    new = frame(
        name=["a", "b", "c"],
        tags=[{"y": 2, "x": 1}, {"x": 2}, None],
        groups=[["sg-1", "sg-2"], ("sg-1",), ["sg-3"]],
    )
    changes, _ = diff_table("t", old, new, ("name",))
    assert moves(changes) == {("changed", "b", "tags"), ("changed", "c", "groups")}
    tags = changes[changes["column"] == "tags"].iloc[0]
    assert (tags["old"], tags["new"]) == ('{"x": 1}', '{"x": 2}')
    groups = changes[changes["column"] == "groups"].iloc[0]
    assert (groups["old"], groups["new"]) == ("[]", '["sg-3"]')


def test_missing_values_of_any_kind_are_equal_and_differ_from_a_value() -> None:
    old = frame(
        name=["a", "b", "c", "d"],
        text=pd.array([pd.NA, None, "x", pd.NA], dtype="string"),
        number=[np.nan, 1.0, 2.0, np.nan],
    )
    new = frame(
        name=["a", "b", "c", "d"],
        text=[None, np.nan, pd.NA, pd.NA],
        number=pd.array([pd.NA, 1, 2, 4], dtype="Int64"),
    )
    changes, counts = diff_table("t", old, new, ("name",))
    assert moves(changes) == {("changed", "c", "text"), ("changed", "d", "number")}
    text = changes[changes["column"] == "text"].iloc[0]
    assert text["old"] == "x" and pd.isna(text["new"])
    assert counts[-1] == 2


def test_timestamps_compare_by_instant_not_by_dtype() -> None:
    when = pd.Timestamp("2026-01-02 03:04:05", tz="UTC")
    old = frame(name=["a"], created=pd.Series([when], dtype="datetime64[ns, UTC]"))
    new = frame(name=["a"], created=pd.Series([when], dtype="datetime64[us, UTC]"))
    assert diff_table("t", old, new, ("name",))[0].empty
    later = frame(name=["a"], created=[when + pd.Timedelta(seconds=1)])
    assert moves(diff_table("t", old, later, ("name",))[0]) == {("changed", "a", "created")}


def test_a_table_without_a_key_shows_a_change_as_one_row_removed_and_one_added() -> None:
    old = frame(value=["same", "before"])
    new = frame(value=["same", "after"])
    changes, counts = diff_table("t", old, new)
    assert {(r.change, r.key) for r in changes.itertuples()} == {
        ("removed", "before"),
        ("added", "after"),
    }
    assert counts == ("t", 2, 2, 1, 1, 0)


def test_ignored_columns_are_left_out_and_a_column_new_on_one_side_is_compared() -> None:
    old = frame(name=["a"], last_used=["monday"])
    new = frame(name=["a"], last_used=["friday"], added=["yes"])
    changes, _ = diff_table("t", old, new, ("name",), ignore=("last_used",))
    assert moves(changes) == {("changed", "a", "added")}
    assert diff_table("t", old, new.drop(columns="added"), ("name",), ("last_used",))[0].empty


def findings(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(check_id, resource_id, status) rows in the shape run_checks gives."""
    out = pd.DataFrame(
        [
            {
                "check_id": check,
                "title": f"Title of {check}",
                "severity": "high",
                "service": "s3",
                "account_id": "111111111111",
                "region": "us-east-1",
                "resource_id": resource,
                "status": status,
                "detail": f"{status} {resource}",
            }
            for check, resource, status in rows
        ]
    )
    out["severity"] = out["severity"].astype(SEVERITY_DTYPE)
    return out


def test_each_finding_move_has_its_kind_and_unmoved_ones_are_left_out() -> None:
    old = findings(
        ("c1", "stays", "FAIL"),
        ("c1", "fixed", "FAIL"),
        ("c1", "deleted", "FAIL"),
        ("c1", "accepted", "FAIL"),
        ("c1", "unaccepted", "MUTED"),
        ("c1", "fine", "PASS"),
        ("c1", "broke", "PASS"),
        ("c2", "unreadable", "ERROR"),
    )
    new = findings(
        ("c1", "stays", "FAIL"),
        ("c1", "fixed", "PASS"),
        ("c1", "accepted", "MUTED"),
        ("c1", "unaccepted", "FAIL"),
        ("c1", "fine", "PASS"),
        ("c1", "broke", "FAIL"),
        ("c1", "created", "FAIL"),
        ("c2", "unreadable", "ERROR"),
    )
    moved = diff_findings(old, new)
    assert list(moved.columns) == FINDING_CHANGE_COLUMNS
    assert {(r.change, r.resource_id) for r in moved.itertuples()} == {
        ("still failing", "stays"),
        ("resolved", "fixed"),
        ("resolved", "deleted"),
        ("newly muted", "accepted"),
        ("unmuted", "unaccepted"),
        ("new", "broke"),
        ("new", "created"),
    }
    deleted = moved.set_index("resource_id").loc["deleted"]
    assert deleted["old_status"] == "FAIL" and pd.isna(deleted["new_status"])
    assert deleted["detail"] == "FAIL deleted"  # the last words known of a resource gone
    assert moved["severity"].dtype == SEVERITY_DTYPE


def test_findings_come_most_severe_first_within_each_kind() -> None:
    old = findings(("c0", "z", "PASS"))
    new = findings(("c1", "a", "FAIL"), ("c2", "b", "FAIL"))
    new["severity"] = pd.Series(["low", "critical"]).astype(SEVERITY_DTYPE)
    moved = diff_findings(old, new)
    assert moved["check_id"].tolist() == ["c2", "c1"]


def sample_diff() -> Diff:
    old = frame(name=["a", "b"], size=[1, 2], tags=[{"k": "v"}, None])
    new = frame(name=["b", "c"], size=[3, 4], tags=[None, ["x"]])
    changes, counts = diff_table("t", old, new, ("name",))
    changes = changes.astype(dict.fromkeys(CHANGE_COLUMNS, "string"))
    tables = pd.DataFrame(
        [counts], columns=["table", "old_rows", "new_rows", "added", "removed", "changed"]
    )
    moved = diff_findings(findings(("c1", "a", "FAIL")), findings(("c1", "c", "FAIL")))
    return Diff(changes, moved, tables, {"collected_at": "then"}, {"collected_at": "now"})


def test_a_saved_diff_loads_back_with_the_same_values_and_dtypes(tmp_path) -> None:
    diff = sample_diff()
    diff.save(tmp_path / "diff")
    loaded = Diff.load(tmp_path / "diff")
    for name in ("changes", "findings", "tables"):
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(diff, name))
    assert (loaded.old_meta, loaded.new_meta) == (diff.old_meta, diff.new_meta)
    assert sorted(p.name for p in (tmp_path / "diff").iterdir()) == sorted(
        [*(f"{n}.{s}" for n in ("changes", "findings", "tables") for s in ("csv", "parquet"))]
        + ["meta.json"]
    )
    csv = pd.read_csv(tmp_path / "diff" / "changes.csv")
    assert len(csv) == len(diff.changes)


def test_a_diff_is_never_written_over_a_directory_that_holds_something_else(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not a diff"):
        sample_diff().save(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    with pytest.raises(UsageError, match="holds no diff"):
        Diff.load(tmp_path)


def test_summary_and_counts_say_what_moved() -> None:
    diff = sample_diff()
    assert diff.summary()[["table", "added", "removed", "changed"]].values.tolist() == [
        ["t", 1, 1, 1]
    ]
    counts = diff.finding_counts()
    assert set(zip(counts["change"], counts["findings"], strict=True)) == {
        ("new", 1),
        ("resolved", 1),
    }
    assert not diff.empty
    assert "1 tables changed" in diff._repr_html_()
