"""Amazon Data Firehose: Direct PUT streams delivering to an S3 bucket of the account, encrypted
with an AWS owned key, a KMS key of the account, or not at all.

Seeded after KMS (a stream names a customer managed key by its alias). The bucket and role are
named, not made: Firehose only checks them when it delivers, and the sandbox delivers nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

FIREHOSE_STREAM = {
    "name": str,
    "region": str,
    "bucket": str,
    #: "none" (AWS's default), "aws-owned" or the alias of the account's key.
    "encryption": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"firehose_streams": [FIREHOSE_STREAM]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"firehose_streams": "arn"}


@dataclass
class FirehoseTruth:
    firehose_streams: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's streams; encryption is started after creation, as AWS answers it then."""
    for stream in spec.get("firehose_streams", []):
        region = stream.get("region", seeder.regions[0])
        firehose = seeder.client(session, "firehose", region)
        name = stream["name"]
        firehose.create_delivery_stream(
            DeliveryStreamName=name,
            DeliveryStreamType="DirectPut",
            ExtendedS3DestinationConfiguration={
                "RoleARN": f"arn:aws:iam::{account_id}:role/{name}-delivery",
                "BucketARN": f"arn:aws:s3:::{stream['bucket']}",
            },
        )
        encryption = stream.get("encryption", "none")
        key_arn = None
        if encryption == "aws-owned":
            config: dict[str, str] = {"KeyType": "AWS_OWNED_CMK"}
        elif encryption != "none":
            key_arn = kms.key_arns(seeder, account_id)[encryption]
            config = {"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": key_arn}
        if encryption != "none":
            firehose.start_delivery_stream_encryption(
                DeliveryStreamName=name, DeliveryStreamEncryptionConfigurationInput=config
            )
        seeder.truth.firehose_streams.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": f"arn:aws:firehose:{region}:{account_id}:deliverystream/{name}",
                "encryption": encryption,
                "key_arn": key_arn,
            }
        )
        seeder.plant(stream.get("planted"), account_id, region, name, "firehose_stream")
