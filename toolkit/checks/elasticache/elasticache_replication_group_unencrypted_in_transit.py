from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_GROUP, TABLE, either, flag, live_groups, replication_groups

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ElastiCache replication group is not encrypted in transit",
    severity="medium",
    service="elasticache",
    resource_type=REPLICATION_GROUP,
    tables=[TABLE],
    description="Encryption in transit (TLS) is not enabled for the replication group, as FSBP "
    "ElastiCache.5 evaluates it (AWS Config rule elasticache-repl-grp-encrypted-in-transit; "
    "it has no parameters).",
    risk="Commands, keys, values and any AUTH token travel in clear text between clients and "
    "nodes and between the nodes: anyone on the network path can read or change them.",
    remediation="Turn on in-transit encryption (transit encryption mode preferred, then "
    "required once every client uses TLS).",
    remediation_cli="aws elasticache modify-replication-group --region {region} "
    "--replication-group-id {resource_id} --transit-encryption-enabled "
    "--transit-encryption-mode preferred --apply-immediately",
)
def elasticache_replication_group_unencrypted_in_transit(inv: Inventory) -> pd.DataFrame:
    g = live_groups(inv)
    tls = flag(g, "transit_encryption_enabled")
    auth = flag(g, "auth_token_enabled")
    detail = either(g, tls, "encrypted in transit (TLS)", "not encrypted in transit") + either(
        g, auth, ", AUTH token required", ", no AUTH token"
    )
    return replication_groups(g, ~tls, detail)
