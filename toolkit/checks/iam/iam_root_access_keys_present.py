from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ACCOUNT, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Root user has access keys",
    severity="critical",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary"],
    description="The account's root user has at least one access key (AccountAccessKeysPresent).",
    risk="Root access keys give unrestricted, unrestrictable programmatic access to the account; "
    "a leaked key is a full account takeover.",
    remediation="Delete the root user's access keys (IAM console, signed in as root, Security "
    "credentials, or the CLI with the root user's own credentials) and use IAM roles for "
    "automation.",
    remediation_cli="aws iam delete-access-key --access-key-id ROOT_ACCESS_KEY_ID",
)
def iam_root_access_keys_present(inv: Inventory) -> pd.DataFrame:
    s = inv["iam.account_summary"]
    present = is_true(s["root_access_keys_present"])
    detail = present.map({True: "root user has access keys", False: "no root access keys"})
    return evaluate(
        s, present, s["account_id"], detail, "arn:aws:iam::" + s["account_id"] + ":root"
    )
