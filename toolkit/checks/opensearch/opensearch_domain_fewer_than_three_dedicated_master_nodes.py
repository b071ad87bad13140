"""FSBP ES.7: Elasticsearch domains should be configured with at least three dedicated master
nodes.

As AWS's control (no parameters): a domain fails when it has no dedicated master nodes, or
fewer than three. Domains of both engines are evaluated, as ES.1 to ES.6 and ES.8 are
settled by the OpenSearch checks of the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Fewer dedicated master nodes than this fail (FSBP ES.7).
MIN_DEDICATED_MASTERS = 3


@check(
    title="OpenSearch domain has fewer than three dedicated master nodes",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="The domain has no dedicated master nodes, or fewer than "
    f"{MIN_DEDICATED_MASTERS}, as FSBP ES.7 evaluates it (at least {MIN_DEDICATED_MASTERS} "
    "dedicated master nodes; the control has no parameters).",
    risk="Without a quorum of dedicated masters, cluster management competes with data nodes "
    "for resources and the loss of one master (during a blue/green deployment, say) can leave "
    "the domain without an elected master.",
    remediation=f"Enable dedicated master nodes with {MIN_DEDICATED_MASTERS} (or 5) nodes.",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --cluster-config DedicatedMasterEnabled=true,DedicatedMasterCount="
    f"{MIN_DEDICATED_MASTERS},DedicatedMasterType=r6g.large.search",
)
def opensearch_domain_fewer_than_three_dedicated_master_nodes(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    enabled = flag(d, "dedicated_master_enabled")
    count = d["dedicated_master_count"].astype("Int64").where(enabled).fillna(0)
    enough = (count >= MIN_DEDICATED_MASTERS).astype(bool) & enabled
    detail = pd.Series(
        count.astype("string") + " dedicated master node(s)", index=d.index, dtype="object"
    ).where(enabled, "no dedicated master nodes")
    return opensearch_domains(d, ~enough, detail)
