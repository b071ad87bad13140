from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import SNAPSHOT, rds_snapshots, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS snapshot is public",
    severity="critical",
    service="rds",
    resource_type=SNAPSHOT,
    tables=["rds.db_snapshots"],
    description="The manual DB or DB cluster snapshot's restore attribute includes 'all': any "
    "AWS account can copy it and restore the database.",
    risk="Anyone with an AWS account can restore the database and read all of its data.",
    remediation="Remove 'all' from the snapshot's restore attribute; share with named accounts "
    "only, and only encrypted snapshots.",
    remediation_cli="aws rds modify-db-snapshot-attribute --region {region} "
    "--db-snapshot-identifier {resource_id} --attribute-name restore --values-to-remove all",
)
def rds_snapshot_public(inv: Inventory) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    public = s["public"].fillna(False)
    detail = yes_no(public, "public; ", "not public; ") + "shared with " + s["shared_with_accounts"]
    return rds_snapshots(inv, public, detail)
