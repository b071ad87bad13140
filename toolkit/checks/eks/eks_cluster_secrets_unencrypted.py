from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, eks_clusters, live_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EKS cluster does not use encrypted Kubernetes secrets",
    severity="medium",
    service="eks",
    resource_type=CLUSTER,
    tables=["eks.clusters"],
    description="The cluster has no encryption configuration that envelope-encrypts its "
    "Kubernetes secrets with a KMS key, as FSBP EKS.3 evaluates it (AWS Config rule "
    "eks-cluster-secrets-encrypted; no parameters).",
    risk="Secrets in etcd are protected only by the EKS default encryption: anyone who reads "
    "etcd or its backups gets them, and no KMS key policy or CloudTrail record of key use "
    "stands in the way.",
    remediation="Associate a KMS key of the account with the cluster for its secrets (it "
    "cannot be removed afterwards).",
    remediation_cli="aws eks associate-encryption-config --region {region} --cluster-name "
    "{resource_id} --encryption-config "
    '\'[{"resources":["secrets"],"provider":{"keyArn":"KMS_KEY_ARN"}}]\'',
)
def eks_cluster_secrets_unencrypted(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    encrypted = c["secrets_encrypted"].astype("boolean").fillna(False).astype(bool)
    key = c["secrets_kms_key_arn"].astype("string").fillna("a KMS key")
    detail = pd.Series(
        ("secrets envelope-encrypted with " + key).where(
            encrypted, "no KMS envelope encryption of Kubernetes secrets"
        ),
        index=c.index,
    )
    return eks_clusters(c, ~encrypted, detail)
