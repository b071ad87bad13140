from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DEFAULT_ADMIN_USERNAMES, INSTANCE, rds_instances, standalone

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance uses the default administrator name",
    severity="medium",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="The administrator of a DB instance outside a cluster is named admin or "
    "postgres, the defaults (FSBP RDS.25; an Aurora member's is its cluster's, RDS.24).",
    risk="A guessable administrator name leaves only the password between an attacker and "
    "full control of the database.",
    remediation="The administrator's name cannot be changed (a restored snapshot keeps it): "
    "make a new instance with a custom administrator name and move the data to it.",
    remediation_cli="aws rds describe-db-instances --region {region} --db-instance-identifier "
    "{resource_id} --query 'DBInstances[0].MasterUsername'",
)
def rds_instance_default_admin_username(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    name = i["master_username"].fillna("")
    failed = name.str.lower().isin(DEFAULT_ADMIN_USERNAMES)
    detail = "administrator " + name + failed.map({True: " (a default)", False: ""})
    return rds_instances(i, failed, detail)
