from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ...policies import is_deny, statements
from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


def _denies_insecure_transport(policy: str | None) -> bool:
    """A Deny statement conditioned on aws:SecureTransport false (the usual TLS guard)."""
    for statement in statements(policy):
        condition = json.dumps(statement.get("Condition", {})).lower()
        if is_deny(statement) and "aws:securetransport" in condition and "false" in condition:
            return True
    return False


@check(
    title="S3 bucket does not require TLS",
    severity="medium",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="The bucket policy does not deny requests made without TLS "
    "(aws:SecureTransport false).",
    risk="Data can be read or written over unencrypted HTTP.",
    remediation="Add a Deny statement for aws:SecureTransport false to the bucket policy.",
)
def s3_bucket_secure_transport_not_required(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    denies = b["policy"].astype(object).map(_denies_insecure_transport).astype(bool)
    return buckets(
        inv, ~denies, denies.map({True: "TLS required", False: "no deny for plain HTTP"})
    )
