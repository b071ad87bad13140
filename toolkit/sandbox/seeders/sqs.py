"""Amazon SQS: queues encrypted with SSE-SQS, with a KMS key of the account or not at all,
with no access policy, one for the account, one for the organization, or one open to anyone.

Seeded after KMS (a queue names a customer managed key by its alias) and Organizations (an
organization policy names the organization's id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SQS_QUEUE = {
    "name": str,
    "region": str,
    #: "sqs" (SSE-SQS, AWS's default for new queues), "none", "aws-managed" (alias/aws/sqs) or
    #: the alias of the account's key.
    "encryption": str,
    #: The access policy: "account" (the account's principals), "organization" (anyone in the
    #: organization: Principal * with aws:PrincipalOrgID) or "public" (Principal *, no
    #: condition); none without the key.
    "access": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"sqs_queues": [SQS_QUEUE]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"sqs_queues": "arn"}


@dataclass
class SqsTruth:
    sqs_queues: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's queues, each made with its encryption and access policy."""
    for queue in spec.get("sqs_queues", []):
        region = queue.get("region", seeder.regions[0])
        sqs = seeder.client(session, "sqs", region)
        arn = f"arn:aws:sqs:{region}:{account_id}:{queue['name']}"
        attributes = _encryption(seeder, account_id, queue.get("encryption", "sqs"))
        if queue["name"].endswith(".fifo"):
            attributes["FifoQueue"] = "true"
        if queue.get("access"):
            document = _policy(queue["access"], arn, account_id, seeder.truth.organization_id)
            attributes["Policy"] = json.dumps(document)
        sqs.create_queue(QueueName=queue["name"], Attributes=attributes)
        seeder.truth.sqs_queues.append(
            {
                "account_id": account_id,
                "region": region,
                "name": queue["name"],
                "arn": arn,
                "encryption": queue.get("encryption", "sqs"),
                "kms_master_key_id": attributes.get("KmsMasterKeyId"),
                "access": queue.get("access"),
            }
        )
        seeder.plant(queue.get("planted"), account_id, region, queue["name"], "sqs_queue")


def _encryption(seeder: Seeder, account_id: str, encryption: str) -> dict[str, str]:
    if encryption == "sqs":
        return {"SqsManagedSseEnabled": "true"}
    if encryption == "none":
        return {"SqsManagedSseEnabled": "false"}
    # With a KMS key AWS answers SqsManagedSseEnabled false; moto says true unless told.
    if encryption == "aws-managed":
        return {"KmsMasterKeyId": "alias/aws/sqs", "SqsManagedSseEnabled": "false"}
    key = kms.key_arns(seeder, account_id)[encryption]
    return {"KmsMasterKeyId": key, "SqsManagedSseEnabled": "false"}


def _policy(access: str, arn: str, account_id: str, organization_id: str) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Sid": access,
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sqs:SendMessage",
        "Resource": arn,
    }
    if access == "account":
        statement.update(Principal={"AWS": f"arn:aws:iam::{account_id}:root"}, Action="sqs:*")
    elif access == "organization":
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": organization_id}}
    elif access != "public":
        raise ValueError(f"unknown SQS access {access!r}: account, organization or public")
    return {"Version": "2012-10-17", "Statement": [statement]}
