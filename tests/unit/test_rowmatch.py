"""toolkit.rowmatch against pandas itself: rows matched as ``DataFrame.merge(how="outer")``
matches and orders them, values found changed exactly where their written text
(``Series.astype("string")`` of the whole column; whole floats as integers) differs, and
changed timestamps written as their whole column writes them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.rowmatch import match_rows, moved_values, row_reader, text_at


def _keys(rng: np.random.Generator, size: int) -> pd.DataFrame:
    """Key columns with repeats and missing values, as text."""
    accounts = np.array(["111111111111", "222222222222", None], dtype=object)
    ids = np.array([f"id-{i}" for i in range(size // 2)] + [None], dtype=object)
    return pd.DataFrame(
        {
            "account_id": pd.array(accounts[rng.integers(0, 3, size)], dtype="string"),
            "id": pd.array(ids[rng.integers(0, len(ids), size)], dtype="string"),
        }
    )


def test_rows_are_matched_and_ordered_as_an_outer_merge_matches_them() -> None:
    rng = np.random.default_rng(5)
    before, after = _keys(rng, 400), _keys(rng, 300)
    old_at, new_at = match_rows(before, after)

    def numbered(frame: pd.DataFrame, side: str) -> pd.DataFrame:
        seen = frame.groupby(list(frame.columns), dropna=False, sort=False).cumcount()
        return frame.assign(seen=seen, **{side: np.arange(len(frame))})

    merged = numbered(before, "old").merge(
        numbered(after, "new"), on=["account_id", "id", "seen"], how="outer"
    )
    assert (merged["old"].isna() & merged["new"].isna()).sum() == 0
    assert old_at.tolist() == merged["old"].fillna(-1).astype(int).tolist()
    assert new_at.tolist() == merged["new"].fillna(-1).astype(int).tolist()
    assert (old_at >= 0).sum() == len(before) and (new_at >= 0).sum() == len(after)


def _stamps(values: list[str | None]) -> pd.Series:
    return pd.Series(pd.to_datetime(values, utc=True, format="ISO8601")).astype(
        "datetime64[ns, UTC]"
    )


def test_values_move_exactly_where_their_written_text_differs_timestamps_by_instant() -> None:
    size = 6
    columns = [
        (
            pd.Series(["a", "b", None, "d", None, "f"], dtype="string"),
            pd.Series(["a", "x", None, None, "e", "f"], dtype="string"),
        ),
        (
            pd.Series([1, 2, None, 4, 5, 6], dtype="Int64"),
            pd.Series([1, 3, None, None, 5, 6], dtype="Int64"),
        ),
        (
            pd.Series([True, False, None, True, None, False], dtype="boolean"),
            pd.Series([True, True, None, None, False, False], dtype="boolean"),
        ),
        (  # a column with milliseconds writes its whole seconds with them too: instants count
            _stamps(["2024-01-01T00:00:00", "2024-01-02T00:00:00.5", None, *["2024-01-03"] * 3]),
            _stamps(["2024-01-01T00:00:00", "2024-01-02T00:00:00", None, *["2024-01-03"] * 3]),
        ),
        (
            _stamps(["2024-01-01T00:00:00", "2024-01-02T00:00:00", None, *["2024-01-03"] * 3]),
            _stamps(["2024-01-01T00:00:00", "2024-01-05T00:00:00", None, *["2024-01-03"] * 3]),
        ),
    ]
    order = np.arange(size)
    for before, after in columns:
        reads = (row_reader(order, size), row_reader(order[::-1], size))
        moved, was, now = moved_values(before, after[::-1].reset_index(drop=True), *reads)
        text_before, text_after = before.astype("string"), after.astype("string")
        if pd.api.types.is_datetime64_any_dtype(before):
            text_before, text_after = before, after  # the same instant at another precision
        differs = ~(
            (text_before == text_after).fillna(False) | (text_before.isna() & text_after.isna())
        )
        assert moved.tolist() == differs.tolist(), (before.dtype, moved, differs)


def test_whole_floats_are_written_as_integers_so_minus_zero_and_ints_do_not_move() -> None:
    before = pd.Series([0.0, 1.5, None, 2.0, 3.0, 4.0], dtype="float64")
    order = np.arange(6)
    reads = (row_reader(order, 6), row_reader(order, 6))
    floats = pd.Series([-0.0, 1.5, None, 2.0, 3.5, 4.0], dtype="float64")
    assert moved_values(before, floats, *reads)[0].tolist() == [False] * 4 + [True, False]
    ints = pd.Series([0, 2, None, 2, 3, 4], dtype="Int64")
    assert moved_values(before, ints, *reads)[0].tolist() == [False, True] + [False] * 4


def test_changed_timestamps_are_written_as_their_whole_column_writes_them() -> None:
    column = _stamps(["2024-01-01T00:00:00", "2024-02-01T10:00:00.000007", None, "2024-03-01"])
    written = text_at(column, np.array([0, 3]))
    assert list(written) == column.astype("string").iloc[[0, 3]].tolist()
    assert list(written) == ["2024-01-01 00:00:00.000000+00:00", "2024-03-01 00:00:00.000000+00:00"]
    naive = pd.Series(
        pd.to_datetime(["2024-01-01", "2024-01-02T10:00", "2024-01-03"], format="ISO8601")
    )
    assert list(text_at(naive, np.array([0]))) == ["2024-01-01 00:00:00"]
    midnights = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-03"]))
    assert list(text_at(midnights, np.array([1]))) == ["2024-01-03"]
