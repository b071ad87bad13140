from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import is_public
from ..base import check, each
from ._shared import QUEUE, QUEUE_URL, sqs_queues

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SQS queue access policy allows public access",
    severity="critical",
    service="sqs",
    resource_type=QUEUE,
    tables=["sqs.queues"],
    description="The queue's access policy allows a wildcard principal without a condition "
    "that pins it to fixed accounts, organizations, networks or source ARNs (judged by "
    "policyuniverse), as FSBP SQS.3 evaluates it (AWS Config rule sqs-queue-no-public-access; "
    "no parameters). A queue without a policy passes.",
    risk="Anyone with an AWS account can do what the policy allows: send forged messages into "
    "the workload, read or delete its messages, or purge the queue.",
    remediation="Replace the wildcard principal with the accounts, roles or services that use "
    "the queue, or add a condition (aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount) that "
    "pins it.",
    remediation_cli="aws sqs set-queue-attributes --region {region} --queue-url "
    f"{QUEUE_URL} --attributes file://policy-attributes.json",
)
def sqs_queue_policy_public(inv: Inventory) -> pd.DataFrame:
    q = inv["sqs.queues"]
    public = each(q["policy"], is_public, False).fillna(False).astype(bool)
    has_policy = q["policy"].notna()
    detail = (
        pd.Series("no access policy: only the account's principals, through IAM", index=q.index)
        .where(~has_policy, "access policy limited to named principals or conditions")
        .where(~public, "access policy allows anyone (wildcard principal, no limiting condition)")
    )
    return sqs_queues(q, public, detail)
