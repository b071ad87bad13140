"""Amazon Kinesis Data Streams: streams encrypted with a KMS key of the account, with AWS's
managed key or not at all, kept the default 24 hours or longer.

Seeded after KMS (a stream names a customer managed key by its alias).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: Kinesis keeps records 24 hours unless told otherwise.
DEFAULT_RETENTION_HOURS = 24
KINESIS_STREAM = {
    "name": str,
    "region": str,
    #: "none" (AWS's default), "aws-managed" (alias/aws/kinesis) or the alias of the account's key.
    "encryption": str,
    "retention_hours": int,
    "on_demand": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"kinesis_streams": [KINESIS_STREAM]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"kinesis_streams": "arn"}


@dataclass
class KinesisTruth:
    kinesis_streams: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's streams, each made with its capacity mode, retention and encryption."""
    for stream in spec.get("kinesis_streams", []):
        region = stream.get("region", seeder.regions[0])
        kinesis = seeder.client(session, "kinesis", region)
        name = stream["name"]
        mode = "ON_DEMAND" if stream.get("on_demand") else "PROVISIONED"
        params: dict[str, Any] = {"StreamName": name, "StreamModeDetails": {"StreamMode": mode}}
        if mode == "PROVISIONED":
            params["ShardCount"] = 1
        kinesis.create_stream(**params)
        hours = stream.get("retention_hours", DEFAULT_RETENTION_HOURS)
        if hours > DEFAULT_RETENTION_HOURS:
            kinesis.increase_stream_retention_period(StreamName=name, RetentionPeriodHours=hours)
        encryption = stream.get("encryption", "none")
        key = None
        if encryption != "none":
            key = (
                "alias/aws/kinesis"
                if encryption == "aws-managed"
                else kms.key_arns(seeder, account_id)[encryption]
            )
            kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId=key)
        arn = f"arn:aws:kinesis:{region}:{account_id}:stream/{name}"
        seeder.truth.kinesis_streams.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": arn,
                "stream_mode": mode,
                "retention_hours": hours,
                "key_id": key,
            }
        )
        seeder.plant(stream.get("planted"), account_id, region, name, "kinesis_stream")
