from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ACCOUNT, TRAIL_TABLES, logs_all_management, per_account

if TYPE_CHECKING:
    from ...inventory import Inventory

_CREATE_TRAIL = (
    "aws cloudtrail create-trail --region {region} --name management-events "
    "--s3-bucket-name LOG_BUCKET --is-multi-region-trail --enable-log-file-validation "
    "--kms-key-id KMS_KEY_ID && aws cloudtrail start-logging --region {region} "
    "--name management-events"
)


@check(
    title="CloudTrail is not enabled in all regions",
    severity="high",
    service="cloudtrail",
    resource_type=ACCOUNT,
    tables=list(TRAIL_TABLES),
    description="The account has no multi-region trail (of its own, or an organization trail) "
    "that is logging and records read and write management events.",
    risk="API activity in the account, or in some of its regions, is not recorded: attacks and "
    "mistakes cannot be detected or investigated.",
    remediation="Create a multi-region trail (ideally an organization trail from the management "
    "account) that logs all management events, and start logging.",
    remediation_cli=_CREATE_TRAIL,
)
def cloudtrail_not_enabled(inv: Inventory) -> pd.DataFrame:
    return per_account(
        inv,
        logs_all_management(inv),
        "not all management events",
        "multi-region trail logging read and write management events",
    )
