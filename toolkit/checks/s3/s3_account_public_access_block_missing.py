from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import PAB_FLAGS

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Account has no S3 public access block",
    severity="medium",
    service="s3",
    resource_type="AWS::::Account",
    tables=["s3.account_public_access_block"],
    description="The account-level S3 public access block is missing or not fully enabled.",
    risk="Every new bucket in the account can be made public by mistake.",
    remediation="Enable all four account-level public access block settings.",
    remediation_cli="aws s3control put-public-access-block --account-id {account_id} "
    "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
    "BlockPublicPolicy=true,RestrictPublicBuckets=true",
)
def s3_account_public_access_block_missing(inv: Inventory) -> pd.DataFrame:
    a = inv["s3.account_public_access_block"]
    complete = a[list(PAB_FLAGS)].all(axis=1)
    return evaluate(a, ~complete, a["account_id"], "configured: " + a["configured"].astype(str))
