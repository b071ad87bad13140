"""Amazon Athena: workgroups that publish query metrics to CloudWatch or not, writing query
results to an S3 location of the account encrypted with SSE-S3 or a KMS key of the account.
Every account's ``primary`` workgroup in every region is AWS's, not seeded.

Seeded after KMS (a workgroup names a customer managed key by its alias).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ATHENA_WORKGROUP = {
    "name": str,
    "region": str,
    "description": str,
    #: Whether it publishes query metrics to CloudWatch (AWS's console default: on).
    "metrics": bool,
    #: s3://bucket/prefix/ for query results; none without the key.
    "output_location": str,
    #: "SSE_S3" or the alias of the account's key (SSE_KMS); unencrypted without the key.
    "encryption": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"athena_workgroups": [ATHENA_WORKGROUP]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"athena_workgroups": "arn"}


@dataclass
class AthenaTruth:
    athena_workgroups: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's workgroups, each with its metrics and query result settings."""
    for group in spec.get("athena_workgroups", []):
        region = group.get("region", seeder.regions[0])
        athena = seeder.client(session, "athena", region)
        configuration: dict[str, Any] = {
            "PublishCloudWatchMetricsEnabled": bool(group.get("metrics", True)),
            "EnforceWorkGroupConfiguration": True,
        }
        results: dict[str, Any] = {}
        if group.get("output_location"):
            results["OutputLocation"] = group["output_location"]
        kms_key = None
        if group.get("encryption") == "SSE_S3":
            results["EncryptionConfiguration"] = {"EncryptionOption": "SSE_S3"}
        elif group.get("encryption"):
            kms_key = kms.key_arns(seeder, account_id)[group["encryption"]]
            results["EncryptionConfiguration"] = {"EncryptionOption": "SSE_KMS", "KmsKey": kms_key}
        if results:
            configuration["ResultConfiguration"] = results
        extra = {"Description": group["description"]} if group.get("description") else {}
        athena.create_work_group(Name=group["name"], Configuration=configuration, **extra)
        seeder.truth.athena_workgroups.append(
            {
                "account_id": account_id,
                "region": region,
                "name": group["name"],
                "arn": f"arn:aws:athena:{region}:{account_id}:workgroup/{group['name']}",
                "metrics": bool(group.get("metrics", True)),
                "output_location": group.get("output_location"),
                "kms_key": kms_key,
            }
        )
        seeder.plant(group.get("planted"), account_id, region, group["name"], "athena_workgroup")
