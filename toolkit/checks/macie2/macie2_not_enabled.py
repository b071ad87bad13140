"""FSBP Macie.1: Amazon Macie enabled, one result per account and region.

AWS Config's macie-status-check, which the control uses, is NON_COMPLIANT unless the session's
status is ENABLED: a paused session fails like none. An organization's Macie administrator
enables Macie in its members, each of which then has its own session, so every account
answers for itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ..securityhub._shared import ACCOUNT, regional_arn

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Amazon Macie is not enabled",
    severity="medium",
    service="macie2",
    resource_type=ACCOUNT,
    tables=["macie2.sessions"],
    description="FAIL when the account has no Macie session in the region, or its status is "
    "not ENABLED (PAUSED); PASS when it is ENABLED. One result per account and region; no "
    "parameters.",
    risk="Sensitive data (credentials, personal and financial data) in S3 buckets is neither "
    "discovered nor watched, and buckets made public or shared go unnoticed by Macie.",
    remediation="Enable Amazon Macie in every region, ideally from a delegated Macie "
    "administrator for the organization that enables it for every member; resume paused "
    "sessions.",
    remediation_cli="aws macie2 enable-macie --region {region}",
)
def macie2_not_enabled(inv: Inventory) -> pd.DataFrame:
    m = inv["macie2.sessions"]
    on = (m["status"] == "ENABLED").fillna(False).astype(bool)
    enabled = m["enabled"].fillna(False).astype(bool)
    region = m["region"].astype("string")
    status = m["status"].astype("string").fillna("")
    detail = (pd.Series("Macie is not enabled in ", index=m.index, dtype="string") + region).mask(
        enabled, "Macie's session is " + status + " in " + region
    )
    arn = regional_arn(m, "macie2", "session")
    return evaluate(m, ~on, arn, detail, arn)
