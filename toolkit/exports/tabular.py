"""Findings as tables: CSV (spreadsheets, grep) and Parquet (pandas, DuckDB, Spark).

The columns are the findings' own (``run_checks``); severity and status are written as the
categories they are, so a Parquet file read back with pandas sorts by severity again. pandas
and pyarrow do the writing.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..files import atomic_write_bytes


def write_csv(findings: pd.DataFrame, target: Path) -> None:
    """The findings as CSV (UTF-8, a header row, no index), whole or not at all."""
    atomic_write_bytes(target, findings.to_csv(index=False).encode("utf-8"))


def write_parquet(findings: pd.DataFrame, target: Path) -> None:
    """The findings as one Parquet file (no index), whole or not at all."""
    buffer = io.BytesIO()
    findings.to_parquet(buffer, index=False)
    atomic_write_bytes(target, buffer.getvalue())
