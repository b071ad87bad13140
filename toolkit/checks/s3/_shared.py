"""What the S3 checks share: the bucket resource type, the public access block flags (the
fixers use them too) and the one-row-per-bucket helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

BUCKET = "AWS::S3::Bucket"
#: The four public access block settings, as the bucket (``pab_``, ``account_pab_``) and
#: account tables name their columns; a block is complete when all four are on.
PAB_FLAGS = (
    "block_public_acls",
    "ignore_public_acls",
    "block_public_policy",
    "restrict_public_buckets",
)


def buckets(inv: Inventory, failed, detail) -> pd.DataFrame:
    """One result per bucket of s3.buckets, named by the bucket's name."""
    b = inv["s3.buckets"]
    return evaluate(b, failed, b["name"], detail, b["arn"])
