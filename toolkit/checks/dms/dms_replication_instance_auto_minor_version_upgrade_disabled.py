from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_INSTANCE, dms_instances, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DMS replication instance does not upgrade minor versions automatically",
    severity="medium",
    service="dms",
    resource_type=REPLICATION_INSTANCE,
    tables=["dms.replication_instances"],
    description="Automatic minor version upgrade is off (AutoMinorVersionUpgrade false), as "
    "FSBP DMS.6 evaluates it (AWS Config rule dms-auto-minor-version-upgrade-check; no "
    "parameters).",
    risk="Minor versions carry security and bug fixes; an instance pinned to an old one keeps "
    "its known flaws until someone upgrades it by hand.",
    remediation="Turn on automatic minor version upgrade; AWS applies them in the maintenance "
    "window.",
    remediation_cli="aws dms modify-replication-instance --region {region} "
    "--replication-instance-arn {resource_arn} --auto-minor-version-upgrade --apply-immediately",
)
def dms_replication_instance_auto_minor_version_upgrade_disabled(inv: Inventory) -> pd.DataFrame:
    i = inv["dms.replication_instances"]
    upgrades = flag(i, "auto_minor_version_upgrade")
    detail = pd.Series("minor versions upgrade automatically", index=i.index).where(
        upgrades, "automatic minor version upgrade is off"
    )
    return dms_instances(i, ~upgrades, detail)
