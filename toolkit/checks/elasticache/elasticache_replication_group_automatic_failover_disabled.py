from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_GROUP, TABLE, live_groups, replication_groups

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ElastiCache replication group does not have automatic failover enabled",
    severity="medium",
    service="elasticache",
    resource_type=REPLICATION_GROUP,
    tables=[TABLE],
    description="Automatic failover is not enabled for the replication group, as FSBP "
    "ElastiCache.3 evaluates it (AWS Config rule elasticache-repl-grp-auto-failover-enabled; "
    "it has no parameters).",
    risk="When the primary node fails, no replica takes over: writes stop until someone "
    "promotes a replica or the node is replaced.",
    remediation="Add at least one replica and turn on automatic failover (and Multi-AZ).",
    remediation_cli="aws elasticache modify-replication-group --region {region} "
    "--replication-group-id {resource_id} --automatic-failover-enabled --multi-az-enabled "
    "--apply-immediately",
)
def elasticache_replication_group_automatic_failover_disabled(inv: Inventory) -> pd.DataFrame:
    g = live_groups(inv)
    state = g["automatic_failover"].astype("string")
    enabled = (state == "enabled").fillna(False).astype(bool)
    detail = pd.Series(
        ("automatic failover " + state).fillna("automatic failover not reported"),
        index=g.index,
        dtype="object",
    )
    return replication_groups(g, ~enabled, detail)
