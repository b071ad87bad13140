"""What the RDS checks share: resource types and the one-row-per-resource helpers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

INSTANCE = "AWS::RDS::DBInstance"
CLUSTER = "AWS::RDS::DBCluster"
SNAPSHOT = "AWS::RDS::DBSnapshot"


def rds_instances(i: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(i, failed, i["db_instance_identifier"], detail, i["arn"])


def standalone(inv: Inventory) -> pd.DataFrame:
    """DB instances outside a DB cluster: those that carry their own protection and backups."""
    i = inv["rds.db_instances"]
    return i[i["db_cluster_identifier"].isna()]


def rds_clusters(inv: Inventory, failed, detail) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    return evaluate(c, failed, c["db_cluster_identifier"], detail, c["arn"])


def rds_snapshots(inv: Inventory, failed, detail) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    return evaluate(s, failed, s["snapshot_identifier"], detail, s["arn"])


def yes_no(flag: pd.Series, yes: str, no: str) -> pd.Series:
    return flag.fillna(False).astype(bool).map({True: yes, False: no})


def exported_logs(frame: pd.DataFrame) -> pd.Series:
    """Each row's log types published to CloudWatch Logs, as a set (from the JSON list)."""
    texts = frame["cloudwatch_logs_exports"].fillna("[]")
    return pd.Series([set(json.loads(t)) for t in texts], index=frame.index, dtype=object)


#: The administrator names AWS's consoles and CLIs suggest: FSBP RDS.24 and RDS.25 fail them.
DEFAULT_ADMIN_USERNAMES = frozenset({"admin", "postgres"})
#: Each engine family's default port (FSBP RDS.23 fails a database that listens on it).
DEFAULT_PORTS = {
    "aurora": 3306,
    "aurora-mysql": 3306,
    "mysql": 3306,
    "mariadb": 3306,
    "aurora-postgresql": 5432,
    "postgres": 5432,
    "oracle": 1521,
    "sqlserver": 1433,
    "db2": 50000,
}


def default_port(engine: str | None) -> int | None:
    """The default port of an RDS engine (oracle-ee, sqlserver-se, ... by their family)."""
    if not isinstance(engine, str):
        return None
    if engine in DEFAULT_PORTS:
        return DEFAULT_PORTS[engine]
    return DEFAULT_PORTS.get(engine.split("-")[0])


EVENT_SUBSCRIPTION = "AWS::RDS::EventSubscription"


def event_subscriptions_missing(
    inv: Inventory, source_type: str, required: frozenset[str]
) -> pd.DataFrame:
    """Each event subscription of ``source_type``: FAIL if it is off or does not send every
    ``required`` category (an empty category list sends them all)."""
    s = inv["rds.event_subscriptions"]
    s = s[s["source_type"] == source_type]
    sent = [set(json.loads(text)) for text in s["event_categories"].fillna("[]")]
    missing = [sorted(required - categories) if categories else [] for categories in sent]
    enabled = s["enabled"].fillna(False).astype(bool).tolist()
    failed = pd.Series(
        [not on or bool(gap) for on, gap in zip(enabled, missing, strict=True)],
        index=s.index,
        dtype=bool,
    )
    detail = pd.Series(
        [
            ("disabled" if not on else "enabled")
            + (
                "; does not send " + ", ".join(gap)
                if gap
                else "; sends " + ", ".join(sorted(required))
            )
            for on, gap in zip(enabled, missing, strict=True)
        ],
        index=s.index,
        dtype=object,
    )
    return evaluate(s, failed, s["subscription_name"], detail, s["arn"])
