"""AWS Secrets Manager: secrets with or without automatic rotation, some rotated, changed or
read long ago, encrypted with the AWS managed key or a KMS key of the account.

moto dates everything "now" and never answers LastAccessedDate, and rotation on AWS needs a
Lambda function that moto would run in Docker. So each secret is made and, where the estate
says, rotation is turned on (RotateSecret with rules and no function, which moto takes); then
its dates (created, last rotated, last read, some days ago) are set inside the server through
``POST /_sandbox/secretsmanager`` (``secrets_state``). Seeded after KMS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SECRET = {
    "name": str,
    "region": str,
    #: The alias of the account's key that encrypts it (AWS's aws/secretsmanager without).
    "kms_key": str,
    #: Automatic rotation every this many days; no rotation without it.
    "rotation_days": int,
    "created_days_ago": int,
    #: When it was last rotated (needs rotation_days); never without it.
    "rotated_days_ago": int,
    #: When it was last read (GetSecretValue); never without it.
    "accessed_days_ago": int,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"secrets": [SECRET]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"secrets": "arn"}


@dataclass
class SecretsManagerTruth:
    secrets: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's secrets, their rotation, then their dates set inside the server."""
    for secret in spec.get("secrets", []):
        region = secret.get("region", seeder.regions[0])
        client = seeder.client(session, "secretsmanager", region)
        options: dict[str, Any] = {}
        if secret.get("kms_key"):
            options["KmsKeyId"] = kms.key_arns(seeder, account_id)[secret["kms_key"]]
        arn = client.create_secret(
            Name=secret["name"], SecretString=f"sandbox-value-of-{secret['name']}", **options
        )["ARN"]
        if secret.get("rotation_days"):
            client.rotate_secret(
                SecretId=arn, RotationRules={"AutomaticallyAfterDays": secret["rotation_days"]}
            )
        dates = {
            "created_days_ago": secret.get("created_days_ago", 0),
            # Turning rotation on rotates at once: "now" unless the estate says when.
            "rotated_days_ago": secret.get(
                "rotated_days_ago", 0 if secret.get("rotation_days") else None
            ),
            "accessed_days_ago": secret.get("accessed_days_ago"),
        }
        seeder.post_control(
            "/_sandbox/secretsmanager",
            {"account": account_id, "region": region, "arn": arn, **dates},
        )
        seeder.truth.secrets.append(
            {
                "account_id": account_id,
                "region": region,
                "name": secret["name"],
                "arn": arn,
                "kms_key_id": options.get("KmsKeyId"),
                "rotation_days": secret.get("rotation_days"),
                **dates,
            }
        )
        seeder.plant(secret.get("planted"), account_id, region, secret["name"], "secret")
