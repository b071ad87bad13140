"""What the ACM checks share: the resource type and the one-row-per-certificate helper."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

CERTIFICATE = "AWS::ACM::Certificate"


def certificates(frame: pd.DataFrame, failed, detail) -> pd.DataFrame:
    certificate_id = frame["arn"].astype("string").str.rsplit("/", n=1).str[-1]
    return evaluate(frame, failed, certificate_id, detail, frame["arn"])


def named(frame: pd.DataFrame) -> pd.Series:
    """Each certificate as the console lists it: its domain and type."""
    kind = frame["type"].fillna("").str.lower().str.replace("_", "-")
    return frame["domain_name"].astype("string") + " (" + kind.astype("string") + ")"
