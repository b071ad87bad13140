from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, neptune_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Neptune DB cluster does not publish audit logs to CloudWatch Logs",
    severity="medium",
    service="neptune",
    resource_type=CLUSTER,
    tables=["neptune.clusters"],
    description="The Neptune DB cluster does not publish its audit log to CloudWatch Logs "
    "(FSBP Neptune.2).",
    risk="Who queried or changed the graph is not recorded where it can be kept, searched and "
    "alarmed on.",
    remediation="Turn on the neptune_enable_audit_log parameter and publish the audit log to "
    "CloudWatch Logs.",
    remediation_cli="aws neptune modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --cloudwatch-logs-export-configuration EnableLogTypes=audit "
    "--apply-immediately",
)
def neptune_cluster_audit_logs_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["neptune.clusters"]
    audit = c["cloudwatch_logs_exports"].fillna("[]").map(lambda text: "audit" in json.loads(text))
    audit = audit.astype(bool)
    return neptune_clusters(
        inv, ~audit, yes_no(audit, "audit log published", "audit log not published")
    )
