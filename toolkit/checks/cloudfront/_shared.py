"""What the CloudFront checks share: the resource type, the one-row-per-distribution helper,
the distributions' origins read from their JSON column, and the update CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..base import evaluate

DISTRIBUTION = "AWS::CloudFront::Distribution"
#: Every CloudFront fix is a change of the distribution's configuration: read it, edit it, send
#: it back with the ETag the read answered.
UPDATE_CLI = (
    "aws cloudfront get-distribution-config --id {resource_id} --query DistributionConfig "
    "> config.json && aws cloudfront update-distribution --id {resource_id} "
    "--distribution-config file://config.json --if-match $(aws cloudfront "
    "get-distribution-config --id {resource_id} --query ETag --output text)"
)


def distributions(frame: pd.DataFrame, failed: Any, detail: Any) -> pd.DataFrame:
    return evaluate(frame, failed, frame["id"], detail, frame["arn"])


def named(frame: pd.DataFrame) -> pd.Series:
    """Each distribution as people know it: its id and first alternate domain name (or its
    CloudFront domain)."""
    alias = parsed(frame, "aliases", [])
    shown = [
        (names[0] if names else domain)
        for names, domain in zip(alias, frame["domain_name"], strict=True)
    ]
    return (
        frame["id"].astype("string")
        + " ("
        + pd.Series(shown, index=frame.index, dtype="string")
        + ")"
    )


def each(values: pd.Series, function: Callable[[Any], Any]) -> pd.Series:
    """``function`` of each value, kept as Python objects (lists stay lists)."""
    return pd.Series([function(v) for v in values], index=values.index, dtype="object")


def nonempty(values: pd.Series) -> pd.Series:
    """Whether each value (a list, a dict) holds anything."""
    return pd.Series([bool(v) for v in values], index=values.index, dtype=bool)


def parsed(frame: pd.DataFrame, column: str, empty: Any) -> pd.Series:
    """A JSON column read back (``empty`` for a missing value)."""
    return each(frame[column], lambda text: json.loads(text) if isinstance(text, str) else empty)


def origins_of(frame: pd.DataFrame, kind: str) -> pd.Series:
    """Each distribution's origins of ``kind`` (``s3`` or ``custom``), as dicts."""
    return each(parsed(frame, "origins", []), lambda found: [o for o in found if o["type"] == kind])


def listed(values: Any) -> str:
    return ", ".join(str(value) for value in values)
