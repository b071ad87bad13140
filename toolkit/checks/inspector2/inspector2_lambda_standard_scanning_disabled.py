"""Amazon Inspector Lambda standard scanning is not enabled: one result per account and region (see ``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ..securityhub._shared import ACCOUNT
from ._shared import TABLE, scan_enabled

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Amazon Inspector Lambda standard scanning is not enabled",
    severity="high",
    service="inspector2",
    resource_type=ACCOUNT,
    tables=[TABLE],
    description="FAIL when the account's Amazon Inspector Lambda standard scanning status "
    "(BatchGetAccountStatus) is not ENABLED in the region; PASS when it is. One result per "
    "account and region; no parameters.",
    risk="Vulnerable packages in Lambda functions and their layers are not found.",
    remediation="Activate Lambda standard scanning in Amazon Inspector in every region, ideally from the "
    "organization's delegated Inspector administrator for every member account.",
    remediation_cli="aws inspector2 enable --region {region} --resource-types LAMBDA",
)
def inspector2_lambda_standard_scanning_disabled(inv: Inventory) -> pd.DataFrame:
    return scan_enabled(inv, "lambda_standard", "Lambda standard scanning")
