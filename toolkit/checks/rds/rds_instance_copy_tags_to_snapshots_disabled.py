from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, standalone, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance does not copy its tags to snapshots",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="A DB instance outside a cluster does not copy its tags to its snapshots "
    "(FSBP RDS.17; an Aurora member's snapshots are its cluster's, RDS.16).",
    risk="Snapshots lose the tags that say whose data they hold and how it is classified, so "
    "tag-based access policies and inventories miss them.",
    remediation="Turn on copying tags to snapshots.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --copy-tags-to-snapshot --apply-immediately",
)
def rds_instance_copy_tags_to_snapshots_disabled(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    copies = i["copy_tags_to_snapshot"].fillna(False).astype(bool)
    return rds_instances(i, ~copies, yes_no(copies, "copies tags", "does not copy tags"))
