"""Amazon Inspector EC2 scanning is not enabled: one result per account and region (see ``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ..securityhub._shared import ACCOUNT
from ._shared import TABLE, scan_enabled

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Amazon Inspector EC2 scanning is not enabled",
    severity="high",
    service="inspector2",
    resource_type=ACCOUNT,
    tables=[TABLE],
    description="FAIL when the account's Amazon Inspector EC2 scanning status "
    "(BatchGetAccountStatus) is not ENABLED in the region; PASS when it is. One result per "
    "account and region; no parameters.",
    risk="Software vulnerabilities and unintended network exposure of EC2 instances are not found.",
    remediation="Activate EC2 scanning in Amazon Inspector in every region, ideally from the "
    "organization's delegated Inspector administrator for every member account.",
    remediation_cli="aws inspector2 enable --region {region} --resource-types EC2",
)
def inspector2_ec2_scanning_disabled(inv: Inventory) -> pd.DataFrame:
    return scan_enabled(inv, "ec2", "EC2 scanning")
