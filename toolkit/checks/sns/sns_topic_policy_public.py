from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import is_public
from ..base import check, each
from ._shared import TOPIC, sns_topics

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SNS topic access policy allows public access",
    severity="critical",
    service="sns",
    resource_type=TOPIC,
    tables=["sns.topics"],
    description="The topic's access policy allows a wildcard principal without a condition "
    "that pins it to fixed accounts, organizations, networks or source ARNs (judged by "
    "policyuniverse), as FSBP SNS.4 evaluates it (AWS Config rule sns-topic-no-public-access; "
    "no parameters). SNS's default policy, limited by AWS:SourceOwner to the account, passes.",
    risk="Anyone with an AWS account can do what the policy allows: publish forged messages "
    "to every subscriber, subscribe their own endpoint and read what the topic carries, or "
    "change the topic.",
    remediation="Replace the wildcard principal with the accounts, roles or services that use "
    "the topic, or add a condition (aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount) that "
    "pins it.",
    remediation_cli="aws sns set-topic-attributes --region {region} --topic-arn "
    "arn:aws:sns:{region}:{account_id}:{resource_id} --attribute-name Policy "
    "--attribute-value file://policy.json",
)
def sns_topic_policy_public(inv: Inventory) -> pd.DataFrame:
    t = inv["sns.topics"]
    public = each(t["policy"], is_public, False).fillna(False).astype(bool)
    has_policy = t["policy"].notna()
    detail = (
        pd.Series("no access policy: only the account's principals, through IAM", index=t.index)
        .where(~has_policy, "access policy limited to named principals or conditions")
        .where(~public, "access policy allows anyone (wildcard principal, no limiting condition)")
    )
    return sns_topics(t, public, detail)
