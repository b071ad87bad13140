"""What the DMS checks share: resource types, one row per instance or endpoint, the endpoints
of one engine, and how a replication task's logging is judged."""

from __future__ import annotations

import json

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


REPLICATION_TASK = "AWS::DMS::ReplicationTask"
#: Log severities at least as verbose as LOGGER_SEVERITY_DEFAULT, the minimum FSBP DMS.7 and
#: DMS.8 accept.
DEFAULT_OR_MORE = (
    "LOGGER_SEVERITY_DEFAULT",
    "LOGGER_SEVERITY_DEBUG",
    "LOGGER_SEVERITY_DETAILED_DEBUG",
)


def task_logging_findings(t: pd.DataFrame, components: tuple[str, ...]) -> pd.DataFrame:
    """FAIL each task that does not log, or logs one of ``components`` below the default
    severity (or not at all); the detail names what falls short."""

    def judge(enabled: object, logged: object) -> tuple[bool, str]:
        if pd.isna(enabled) or not enabled:
            return True, "logging is off"
        severities = json.loads(logged) if isinstance(logged, str) else {}
        short = [
            f"{c} {severities.get(c, 'not logged')}"
            for c in components
            if severities.get(c) not in DEFAULT_OR_MORE
        ]
        if short:
            return True, "below LOGGER_SEVERITY_DEFAULT: " + ", ".join(short)
        return False, "logs " + ", ".join(f"{c} at {severities[c]}" for c in components)

    judged = [judge(e, c) for e, c in zip(t["logging_enabled"], t["log_components"], strict=True)]
    failed = pd.Series([j[0] for j in judged], index=t.index, dtype=bool)
    detail = pd.Series([j[1] for j in judged], index=t.index, dtype="object")
    return evaluate(t, failed, t["identifier"], detail, t["arn"])
