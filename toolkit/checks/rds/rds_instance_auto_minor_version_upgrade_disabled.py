from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance does not apply minor engine upgrades automatically",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="Auto minor version upgrade is off: minor engine versions (which carry security "
    "fixes) are not applied in the maintenance window.",
    risk="Known engine vulnerabilities stay unpatched until someone upgrades by hand.",
    remediation="Turn on auto minor version upgrade on the instance.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --auto-minor-version-upgrade --apply-immediately",
)
def rds_instance_auto_minor_version_upgrade_disabled(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    on = i["auto_minor_version_upgrade"].fillna(False)
    detail = "engine " + i["engine"].fillna("?") + " " + i["engine_version"].fillna("?")
    return rds_instances(i, ~on, detail + yes_no(on, ", upgrades on", ", upgrades off"))
