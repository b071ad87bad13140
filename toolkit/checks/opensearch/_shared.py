"""What the OpenSearch checks share: the resource type, the one-row-per-domain helper and
flag reading."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

DOMAIN = "AWS::OpenSearch::Domain"
TABLE = "opensearch.domains"


def domains(inv: Inventory) -> pd.DataFrame:
    return inv[TABLE]


def opensearch_domains(d: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(d, failed, d["domain_name"], detail, d["arn"])


def flag(d: pd.DataFrame, column: str) -> pd.Series:
    """A nullable boolean column as plain booleans; not reported counts as off."""
    return d[column].astype("boolean").fillna(False).astype(bool)


def either(d: pd.DataFrame, condition: pd.Series, yes: str, no: str) -> pd.Series:
    """``yes`` where the condition holds, ``no`` elsewhere: a detail for every domain."""
    return pd.Series(yes, index=d.index, dtype="object").where(condition, no)


def logged_to(d: pd.DataFrame, enabled: str, group: str, what: str) -> pd.Series:
    """The detail of a log-publishing check: where the logs go, or that they do not."""
    on = flag(d, enabled)
    where = (f"{what} published to " + d[group].astype("string")).fillna(
        f"{what} published to CloudWatch Logs"
    )
    return pd.Series(where, index=d.index, dtype="object").where(
        on, f"{what} not published to CloudWatch Logs"
    )
