from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, exported_logs, rds_instances, standalone

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP RDS.36's logTypesToPublish default: the postgresql log.
LOG_TYPES_TO_PUBLISH = {"postgresql"}


@check(
    title="RDS for PostgreSQL DB instance does not publish its postgresql log",
    severity="medium",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="An RDS for PostgreSQL DB instance does not publish the log types FSBP RDS.36 "
    "asks (its logTypesToPublish default: postgresql) to CloudWatch Logs.",
    risk="Connection, error and statement logs kept only on the instance rotate away and "
    "cannot be searched or alarmed on.",
    remediation="Publish the postgresql log to CloudWatch Logs.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --cloudwatch-logs-export-configuration 'EnableLogTypes=[postgresql]' "
    "--apply-immediately",
)
def rds_postgresql_instance_logs_not_published(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    i = i[i["engine"] == "postgres"]
    published = exported_logs(i)
    missing = published.map(lambda p: not LOG_TYPES_TO_PUBLISH.issubset(p))
    detail = missing.map({True: "postgresql log not published", False: "postgresql log published"})
    return rds_instances(i, missing, detail)
