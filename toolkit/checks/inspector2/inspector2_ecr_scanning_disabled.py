"""Amazon Inspector ECR scanning is not enabled: one result per account and region (see ``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ..securityhub._shared import ACCOUNT
from ._shared import TABLE, scan_enabled

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Amazon Inspector ECR scanning is not enabled",
    severity="high",
    service="inspector2",
    resource_type=ACCOUNT,
    tables=[TABLE],
    description="FAIL when the account's Amazon Inspector ECR scanning status "
    "(BatchGetAccountStatus) is not ENABLED in the region; PASS when it is. One result per "
    "account and region; no parameters.",
    risk="Vulnerabilities in container images pushed to ECR are not found before or after they run.",
    remediation="Activate ECR scanning in Amazon Inspector in every region, ideally from the "
    "organization's delegated Inspector administrator for every member account.",
    remediation_cli="aws inspector2 enable --region {region} --resource-types ECR",
)
def inspector2_ecr_scanning_disabled(inv: Inventory) -> pd.DataFrame:
    return scan_enabled(inv, "ecr", "ECR scanning")
