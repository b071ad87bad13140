"""Rows of two frames matched by key and compared column by column as they would be written,
for ``toolkit.diff`` at a million rows: the keys become sorted integer codes, so matching is
a sort of integers; the matched rows are read in order (a filter, not a jumping take), and
values are compared as they are wherever equal values and equal text are the same thing, so
only the values that changed are ever written as text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd


def match_rows(before: pd.DataFrame, after: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Rows of two frames matched by all their columns, a value that repeats in a frame
    matched in order of appearance: for each joined row its position in ``before`` and in
    ``after`` (-1 where none), in the order ``DataFrame.merge(how="outer")`` gives (each
    column sorted in turn, missing last). The columns become sorted codes, combined into one
    integer a row, so the join is a sort of integers, not a merge of strings."""
    count = len(before)
    combined = np.zeros(count + len(after), dtype=np.int64)
    for name in before.columns:
        values = pd.concat([before[name], after[name]], ignore_index=True)
        codes, uniques = pd.factorize(values, sort=True)
        combined = _radix(combined, np.where(codes < 0, len(uniques), codes), len(uniques) + 1)
    seen = np.concatenate([_occurrence(combined[:count]), _occurrence(combined[count:])])
    combined = _radix(combined, seen, int(seen.max(initial=0)) + 1)
    order = np.argsort(combined, kind="stable")
    ordered = combined[order]
    row = np.cumsum(np.concatenate([[True], ordered[1:] != ordered[:-1]])) - 1
    size = int(row[-1]) + 1 if len(row) else 0
    from_old = order < count
    old_at = scatter(row[from_old], size, order[from_old])
    new_at = scatter(row[~from_old], size, order[~from_old] - count)
    return old_at, new_at


def _radix(combined: np.ndarray, codes: np.ndarray, size: int) -> np.ndarray:
    """``combined`` with one more digit ``codes`` (of ``size`` values), order kept; made
    dense first where it would overflow."""
    if int(combined.max(initial=0)) + 1 > np.iinfo(np.int64).max // size:
        combined = pd.factorize(combined, sort=True)[0].astype(np.int64)
    return combined * size + codes


def _occurrence(keys: np.ndarray) -> np.ndarray:
    """Each key's count of earlier equal keys (0 unless it repeats)."""
    if pd.Index(keys).is_unique:
        return np.zeros(len(keys), dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.concatenate([[True], ordered[1:] != ordered[:-1]])
    first = np.maximum.accumulate(np.where(starts, np.arange(len(keys)), 0))
    return scatter(order, len(keys), np.arange(len(keys)) - first)


def scatter(positions: np.ndarray, size: int, values: np.ndarray) -> np.ndarray:
    """An array of ``size`` holding ``values`` at ``positions`` and -1 elsewhere."""
    out = np.full(size, -1, dtype=np.int64)
    out[positions] = values
    return out


def row_reader(positions: np.ndarray, size: int) -> np.ndarray:
    """How to read a frame's rows at ``positions``: a boolean mask when they increase (a
    filter reads memory in order, several times faster than a take), else the positions."""
    if len(positions) > 1 and not (np.diff(positions) > 0).all():
        return positions
    mask = np.zeros(size, dtype=bool)
    mask[positions] = True
    return mask


def moved_values(
    before: pd.Series, after: pd.Series, old_rows: np.ndarray, new_rows: np.ndarray
) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Which pairs (``old_rows`` of ``before`` against ``new_rows`` of ``after``, as
    ``row_reader`` reads them) differ in one column, and the columns to write the values from.
    Values whose text is the same exactly when they are (strings, booleans, ints, timestamps
    written alike) are compared as they are, others by their text."""
    if not _by_value(before, after):
        before, after = as_text(before), as_text(after)
    old, new = _read(before.array, old_rows), _read(after.array, new_rows)
    return ~(_true(old == new) | (old.isna() & new.isna())), before, after


def _read(values: Any, rows: np.ndarray) -> Any:
    return values[rows] if rows.dtype == bool else values.take(rows)


def _by_value(before: pd.Series, after: pd.Series) -> bool:
    dtype = before.dtype
    times = pd.api.types.is_datetime64_any_dtype
    if times(dtype) and times(after.dtype):  # by the instant, whatever precision each is at
        return (getattr(dtype, "tz", None) is None) == (getattr(after.dtype, "tz", None) is None)
    if dtype != after.dtype or isinstance(dtype, pd.CategoricalDtype):
        return False
    if isinstance(dtype, pd.StringDtype):
        return True
    return bool(pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype))


def _true(compared: Any) -> np.ndarray:
    """An elementwise comparison as plain booleans, missing as False."""
    if isinstance(compared, np.ndarray):
        return compared.astype(bool, copy=False)
    return compared.to_numpy(dtype=bool, na_value=False)


def _fineness(values: pd.Series) -> np.ndarray:
    """How much of each timestamp its text shows: 0 a midnight, 1 seconds, 2 milli-, 3 micro-,
    4 nanoseconds; -1 missing. A column's text shows all its values as finely as its finest."""
    array = values.array
    ticks = np.asarray(array.asi8)
    second = 10 ** {"s": 0, "ms": 3, "us": 6, "ns": 9}[array.unit]
    fraction = ticks % second
    fineness = np.select(
        [
            ticks % (86_400 * second) == 0,
            fraction == 0,
            fraction % max(second // 1_000, 1) == 0,
            fraction % max(second // 1_000_000, 1) == 0,
        ],
        [0, 1, 2, 3],
        4,
    )
    return np.where(np.asarray(array.isna()), -1, fineness)


def text_at(values: pd.Series, positions: np.ndarray) -> Any:
    """The text of the values at ``positions`` as the whole column writes them (timestamps
    are written with their column's finest value beside them, then it is dropped)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        fineness = _fineness(values)
        if len(fineness) and fineness.max() >= 0:
            taken = values.array.take(np.append(positions, int(fineness.argmax())))
            return as_text(pd.Series(taken)).array[:-1]
    return as_text(pd.Series(values.array.take(positions))).array


def as_text(values: pd.Series) -> pd.Series:
    """A column as nullable strings: scalars by ``str``, timestamps ISO, containers as JSON."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("string")
    if values.dtype == object:
        return values.map(_json, na_action="ignore").astype("string")
    if pd.api.types.is_float_dtype(values):
        # 2.0 is written 2, as an integer column writes it: a column that became Int64
        # between two versions of a table does not change every row.
        numbers = values.astype("Float64")
        whole = (numbers % 1 == 0).fillna(False) & (numbers.abs() < 2**53).fillna(False)
        text = numbers.astype("string")
        text[whole] = numbers[whole].astype("Int64").astype("string")
        return text
    return values.astype("string")


def _json(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(_plain_value(value), sort_keys=True, default=str)


def _plain_value(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return [_plain_value(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_plain_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value
