from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import is_public
from ..base import check, each
from ._shared import REPOSITORY, ecr_repositories

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ECR repository policy allows public access",
    severity="critical",
    service="ecr",
    resource_type=REPOSITORY,
    tables=["ecr.repositories"],
    description="The repository policy allows a wildcard principal without a condition that "
    "pins it to fixed accounts, organizations, networks or source ARNs (judged by "
    "policyuniverse). FSBP has no control for it. A repository without a policy passes.",
    risk="Anyone with an AWS account can do what the policy allows: pull the images (and the "
    "code, configuration and secrets baked into them) or, with push actions, replace them.",
    remediation="Replace the wildcard principal with the accounts or roles that pull, or add a "
    "condition (aws:PrincipalOrgID) that pins it; publish public images in ECR Public instead.",
    remediation_cli="aws ecr set-repository-policy --region {region} --repository-name "
    "{resource_id} --policy-text file://repository-policy.json",
)
def ecr_repository_policy_public(inv: Inventory) -> pd.DataFrame:
    r = inv["ecr.repositories"]
    public = each(r["policy"], is_public, False).fillna(False).astype(bool)
    has_policy = r["policy"].notna()
    detail = (
        pd.Series("no repository policy: only the account's principals, through IAM", index=r.index)
        .where(~has_policy, "repository policy limited to named principals or conditions")
        .where(
            ~public, "repository policy allows anyone (wildcard principal, no limiting condition)"
        )
    )
    return ecr_repositories(r, public, detail)
