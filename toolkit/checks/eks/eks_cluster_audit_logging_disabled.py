from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import load
from ..base import check, each
from ._shared import CLUSTER, eks_clusters, live_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EKS cluster does not have audit logging enabled",
    severity="medium",
    service="eks",
    resource_type=CLUSTER,
    tables=["eks.clusters"],
    description="The cluster does not send its Kubernetes audit log to CloudWatch Logs, as FSBP "
    "EKS.8 evaluates it (AWS Config rule eks-cluster-log-enabled, parameter logTypes: audit, "
    "not customizable). The detail names the log types that are on.",
    risk="Who did what through the Kubernetes API (read a secret, created a privileged pod, "
    "bound cluster-admin) is recorded nowhere an investigation can read it.",
    remediation="Turn on the audit control plane log type (with api and authenticator, "
    "preferably) for the cluster.",
    remediation_cli="aws eks update-cluster-config --region {region} --name {resource_id} "
    '--logging \'{"clusterLogging":[{"types":["audit"],"enabled":true}]}\'',
)
def eks_cluster_audit_logging_disabled(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    types = each(c["enabled_log_types"], lambda text: load(text) or [], [])
    audited = types.map(lambda kinds: "audit" in kinds).astype(bool)
    listed = types.map(lambda kinds: ", ".join(kinds) if kinds else "none")
    detail = pd.Series(
        ("audit log on (log types: " + listed + ")").where(
            audited, "audit log off (log types: " + listed + ")"
        ),
        index=c.index,
    )
    return eks_clusters(c, ~audited, detail)
