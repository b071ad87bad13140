"""What the KMS checks share: resource types and the one-row-per-resource helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

KEY = "AWS::KMS::Key"


def customer_keys(inv: Inventory) -> pd.DataFrame:
    k = inv["kms.keys"]
    aws_alias = k["aliases"].fillna("[]").str.contains('"alias/aws/', regex=False)
    return k[(k["key_manager"] == "CUSTOMER").fillna(False) & ~aws_alias]


def kms_keys(k: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(k, failed, k["key_id"], detail, k["arn"])


def kms_named(k: pd.DataFrame) -> pd.Series:
    """The key's aliases (JSON list) for the detail text, or 'no alias'."""
    aliases = k["aliases"].fillna("[]")
    return aliases.where(aliases != "[]", "no alias")
