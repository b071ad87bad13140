from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPOSITORY, ecr_repositories

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ECR private repository does not have image scanning configured",
    severity="high",
    service="ecr",
    resource_type=REPOSITORY,
    tables=["ecr.repositories"],
    description="The private repository does not scan images on push, as FSBP ECR.1 evaluates "
    "it (AWS Config rule ecr-private-image-scanning-enabled; it has no parameters). The "
    "control also accepts continuous scanning, which is set in the registry's scanning "
    "configuration; that configuration is not collected, so a repository scanned only by a "
    "registry rule fails here.",
    risk="Images with known vulnerabilities in their operating system packages are pushed and "
    "run without anyone being told.",
    remediation="Turn on scan on push for the repository, or a registry scanning rule (basic "
    "scan on push, or enhanced continuous scanning with Amazon Inspector) that covers it.",
    remediation_cli="aws ecr put-image-scanning-configuration --region {region} "
    "--repository-name {resource_id} --image-scanning-configuration scanOnPush=true",
)
def ecr_repository_image_scanning_disabled(inv: Inventory) -> pd.DataFrame:
    r = inv["ecr.repositories"]
    scanned = r["scan_on_push"].astype("boolean").fillna(False).astype(bool)
    detail = pd.Series("images are scanned on push", index=r.index).where(
        scanned, "scan on push is off: pushed images are not scanned for vulnerabilities"
    )
    return ecr_repositories(r, ~scanned, detail)
