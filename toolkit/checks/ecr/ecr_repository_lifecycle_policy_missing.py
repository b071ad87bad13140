from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPOSITORY, ecr_repositories

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ECR repository does not have a lifecycle policy configured",
    severity="medium",
    service="ecr",
    resource_type=REPOSITORY,
    tables=["ecr.repositories"],
    description="The repository has no lifecycle policy, as FSBP ECR.3 evaluates it (AWS "
    "Config rule ecr-private-lifecycle-policy-configured; it has no parameters).",
    risk="Old, unpatched images pile up and stay pullable long after they were replaced, and "
    "storage costs grow without bound.",
    remediation="Put a lifecycle policy on the repository that expires untagged images and "
    "images older than what you still deploy.",
    remediation_cli="aws ecr put-lifecycle-policy --region {region} --repository-name "
    "{resource_id} --lifecycle-policy-text file://lifecycle-policy.json",
)
def ecr_repository_lifecycle_policy_missing(inv: Inventory) -> pd.DataFrame:
    r = inv["ecr.repositories"]
    has_policy = r["lifecycle_policy"].notna()
    rules = r["lifecycle_rule_count"].astype("Int64").fillna(0).astype(int).astype(str)
    detail = pd.Series(
        ("lifecycle policy with " + rules + " rule(s)").where(
            has_policy, "no lifecycle policy: old images are never expired"
        ),
        index=r.index,
    )
    return ecr_repositories(r, ~has_policy, detail)
