from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, exported_logs, rds_instances, standalone

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The log types FSBP RDS.9 requires each engine family to publish to CloudWatch Logs.
REQUIRED_LOGS = {
    "oracle": {"alert", "audit", "trace", "listener"},
    "postgres": {"postgresql", "upgrade"},
    "mysql": {"audit", "error", "general", "slowquery"},
    "mariadb": {"audit", "error", "general", "slowquery"},
    "sqlserver": {"error", "agent"},
}


def required_logs(engine: object) -> set[str]:
    """The log types an engine must publish (oracle-ee, sqlserver-se, ... by their family)."""
    if not isinstance(engine, str):
        return set()
    return REQUIRED_LOGS.get(engine, REQUIRED_LOGS.get(engine.split("-")[0], set()))


@check(
    title="RDS DB instance does not publish its logs to CloudWatch Logs",
    severity="medium",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="A DB instance outside a cluster does not publish every log type FSBP RDS.9 "
    "asks of its engine to CloudWatch Logs: Oracle alert, audit, trace and listener; "
    "PostgreSQL postgresql and upgrade; MySQL and MariaDB audit, error, general and slowquery; "
    "SQL Server error and agent. (An Aurora member's logs are its cluster's.)",
    risk="Database logs kept only on the instance rotate away and cannot be searched, alarmed "
    "on or kept for an investigation.",
    remediation="Publish the engine's log types to CloudWatch Logs (the audit, general and "
    "slow query logs also need the engine's parameters or options turned on).",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --cloudwatch-logs-export-configuration "
    "'EnableLogTypes=[postgresql,upgrade]' --apply-immediately",
)
def rds_instance_logs_not_published(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    published = exported_logs(i)
    missing = pd.Series(
        [sorted(required_logs(e) - p) for e, p in zip(i["engine"], published, strict=True)],
        index=i.index,
        dtype=object,
    )
    detail = missing.map(
        lambda m: "does not publish " + ", ".join(m) if m else "publishes every required log"
    )
    return rds_instances(i, missing.map(bool), detail)
