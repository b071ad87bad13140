from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


def _sharing(shared_with: object) -> str:
    if not isinstance(shared_with, str):
        return "sharing not read (DescribeDocumentPermission not collected)"
    accounts = json.loads(shared_with)
    if not accounts:
        return "not shared"
    return "shared with " + ", ".join(accounts)


@check(
    title="SSM document owned by the account is public",
    severity="critical",
    service="ssm",
    resource_type="AWS::SSM::Document",
    tables=["ssm.documents"],
    description="A Systems Manager document the account owns (owner Self) is shared with "
    "every AWS account (account id 'all'), as FSBP SSM.4 evaluates it (AWS Config rule "
    "ssm-document-not-public; no parameters). Sharing with named accounts passes.",
    risk="Anyone can read the document's content (commands, script paths, parameter names, "
    "sometimes secrets written inline) and run it against their own instances; attackers mine "
    "public documents for the estate's internals.",
    remediation="Stop sharing the document publicly; share it with the accounts that need it "
    "by their ids, and turn on the account's block public sharing setting (SSM.7).",
    remediation_cli="aws ssm modify-document-permission --region {region} --name {resource_id} "
    "--permission-type Share --account-ids-to-remove all",
)
def ssm_document_public(inv: Inventory) -> pd.DataFrame:
    d = inv["ssm.documents"]
    public = d["public"].astype("boolean").fillna(False).astype(bool)
    detail = d["shared_with"].map(_sharing).astype("string")
    return evaluate(d, public, d["name"], detail, d["arn"])
