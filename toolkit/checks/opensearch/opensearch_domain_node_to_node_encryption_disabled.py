from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, either, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="OpenSearch domain does not encrypt data sent between nodes",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="Node-to-node encryption is disabled for the domain, as FSBP Opensearch.3 "
    "evaluates it (AWS Config rule opensearch-node-to-node-encryption-check; it has no "
    "parameters).",
    risk="Traffic between the domain's nodes, including the documents they replicate and the "
    "queries they answer, travels unencrypted inside the network.",
    remediation="Turn on node-to-node encryption (older domains need a new domain and a "
    "snapshot migration).",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --node-to-node-encryption-options Enabled=true",
)
def opensearch_domain_node_to_node_encryption_disabled(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    on = flag(d, "node_to_node_encryption_enabled")
    detail = either(d, on, "node-to-node encryption enabled", "node-to-node encryption disabled")
    return opensearch_domains(d, ~on, detail)
