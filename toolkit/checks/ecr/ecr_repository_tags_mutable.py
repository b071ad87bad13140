from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPOSITORY, ecr_repositories

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Settings under which a pushed tag cannot be moved to another image.
IMMUTABLE = ("IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION")


@check(
    title="ECR private repository does not have tag immutability configured",
    severity="medium",
    service="ecr",
    resource_type=REPOSITORY,
    tables=["ecr.repositories"],
    description="The private repository's image tags are mutable, as FSBP ECR.2 evaluates it "
    "(AWS Config rule ecr-private-tag-immutability-enabled; it has no parameters): a pushed "
    "tag can be overwritten with another image. IMMUTABLE passes, and so does "
    "IMMUTABLE_WITH_EXCLUSION (immutable but for the tags its filters name).",
    risk="Whoever can push can replace the image behind a tag that deployments trust (prod, "
    "v1.2.3) with another, and the next deployment runs it.",
    remediation="Set the repository's tag mutability to IMMUTABLE, and deploy by tag or digest "
    "from then on.",
    remediation_cli="aws ecr put-image-tag-mutability --region {region} --repository-name "
    "{resource_id} --image-tag-mutability IMMUTABLE",
)
def ecr_repository_tags_mutable(inv: Inventory) -> pd.DataFrame:
    r = inv["ecr.repositories"]
    setting = r["image_tag_mutability"].astype("string")
    immutable = setting.isin(IMMUTABLE).fillna(False).astype(bool)
    detail = pd.Series(
        ("image tags are " + setting.str.lower().str.replace("_", " ")).where(
            immutable,
            ("image tags are " + setting.str.lower().str.replace("_", " ")).fillna(
                "tag mutability not reported"
            )
            + ": a pushed tag can be overwritten with another image",
        ),
        index=r.index,
    )
    return ecr_repositories(r, ~immutable, detail)
