"""What the DMS checks share: resource types, one row per instance or endpoint, and the
endpoints of one engine."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

REPLICATION_INSTANCE = "AWS::DMS::ReplicationInstance"
ENDPOINT = "AWS::DMS::Endpoint"


def dms_instances(i: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(i, failed, i["identifier"], detail, i["arn"])


def dms_endpoints(e: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(e, failed, e["identifier"], detail, e["arn"])


def endpoints_of(e: pd.DataFrame, engines: tuple[str, ...]) -> pd.DataFrame:
    """The endpoints whose engine is one of ``engines``: the only ones a control judges."""
    return e[e["engine_name"].astype("string").str.lower().isin(engines).fillna(False)]


def flag(frame: pd.DataFrame, column: str) -> pd.Series:
    """A nullable boolean column as plain booleans, unknown taken as False."""
    return frame[column].astype("boolean").fillna(False).astype(bool)
