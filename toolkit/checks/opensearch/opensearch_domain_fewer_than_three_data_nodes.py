from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Fewer data nodes than this fail (FSBP Opensearch.6).
MIN_DATA_NODES = 3


@check(
    title="OpenSearch domain has fewer than three data nodes or no zone awareness",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description=f"The domain has fewer than {MIN_DATA_NODES} data nodes or zone awareness "
    "disabled, as FSBP Opensearch.6 evaluates it (AWS Config rule "
    "opensearch-data-node-fault-tolerance; it has no parameters).",
    risk="The loss of one node or one Availability Zone makes the domain unavailable or "
    "loses the shards that had no replica elsewhere.",
    remediation=f"Run at least {MIN_DATA_NODES} data nodes spread over Availability Zones "
    "(zone awareness on; a multiple of three for three zones).",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    f"{{resource_id}} --cluster-config InstanceCount={MIN_DATA_NODES},ZoneAwarenessEnabled=true,"
    "ZoneAwarenessConfig={{AvailabilityZoneCount=3}}",
)
def opensearch_domain_fewer_than_three_data_nodes(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    nodes = d["instance_count"].astype("Int64").fillna(0)
    zones = flag(d, "zone_awareness_enabled")
    enough = (nodes >= MIN_DATA_NODES).astype(bool)
    detail = pd.Series(
        nodes.astype("string") + " data node(s), zone awareness ", index=d.index, dtype="object"
    ) + pd.Series("enabled", index=d.index, dtype="object").where(zones, "disabled")
    return opensearch_domains(d, ~(enough & zones), detail)
