"""Amazon SNS topics beyond the monitoring ones: application topics with an access policy that
lets anyone in, or one pinned to the organization, encrypted with a KMS key or not.

Seeded in each account's last steps (after Organizations: an organization policy names the
organization's id). The topics join the monitoring seeder's ``sns_topics`` in the truth, with
``access`` saying what their policy allows: "default" (SNS's own, the account only),
"organization" or "public".
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SNS_TOPIC = {
    "name": str,
    "region": str,
    #: "public" (Principal *, no condition) or "organization" (Principal * with
    #: aws:PrincipalOrgID); without the key, SNS's default policy (the account's principals).
    "access": str,
    "kms_master_key_id": str,  # a key id or alias, such as alias/aws/sns
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"sns_topics": [SNS_TOPIC]}


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's application topics, each with its access policy and encryption."""
    for topic in spec.get("sns_topics", []):
        region = topic.get("region", seeder.regions[0])
        sns = seeder.client(session, "sns", region)
        arn = f"arn:aws:sns:{region}:{account_id}:{topic['name']}"
        attributes: dict[str, str] = {}
        if topic.get("kms_master_key_id"):
            attributes["KmsMasterKeyId"] = topic["kms_master_key_id"]
        if topic.get("access"):
            document = _policy(topic["access"], arn, seeder.truth.organization_id)
            attributes["Policy"] = json.dumps(document)
        sns.create_topic(Name=topic["name"], Attributes=attributes)
        seeder.truth.sns_topics.append(
            {
                "account_id": account_id,
                "region": region,
                "name": topic["name"],
                "arn": arn,
                "kms_master_key_id": attributes.get("KmsMasterKeyId"),
                "access": topic.get("access", "default"),
            }
        )
        seeder.plant(topic.get("planted"), account_id, region, topic["name"], "sns_topic")


def _policy(access: str, arn: str, organization_id: str) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Sid": "PublishFromAnywhere" if access == "public" else "PublishFromTheOrganization",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": ["SNS:Publish", "SNS:Subscribe"],
        "Resource": arn,
    }
    if access == "organization":
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": organization_id}}
    elif access != "public":
        raise ValueError(f"unknown topic access {access!r}")
    return {"Version": "2012-10-17", "Statement": [statement]}
