from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, default_port, rds_instances

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance listens on its engine's default port",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="The DB instance listens on its engine's default port (FSBP RDS.23): 3306 "
    "for MySQL, MariaDB and Aurora MySQL, 5432 for PostgreSQL and Aurora PostgreSQL, 1521 for "
    "Oracle, 1433 for SQL Server, 50000 for Db2. An Aurora member listens on its cluster's port.",
    risk="Scanners and automated attacks try the well-known ports first.",
    remediation="Move the database to another port (the instance restarts), and update its "
    "clients and security groups.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --db-port-number 15432 --apply-immediately",
)
def rds_instance_default_port(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    defaults = i["engine"].map(default_port)
    failed = i["port"].notna() & (i["port"] == defaults)
    detail = (
        "port "
        + i["port"].astype(str)
        + failed.map({True: " (the engine's default)", False: " (not the engine's default)"})
    )
    return rds_instances(i, failed.fillna(False).astype(bool), detail)
