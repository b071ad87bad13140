"""AWS CloudTrail: trails into the account's buckets, encrypted with its KMS keys, logging or not.

Seeded after S3 and KMS, whose buckets and keys the trails name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

TRAIL = {
    "name": str,
    "region": str,
    "bucket": str,
    "multi_region": bool,
    "log_validation": bool,
    "kms_key": str,
    "logging": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"cloudtrail_trails": [TRAIL]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"trails": "name"}


@dataclass
class CloudTrailTruth:
    trails: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's trails; ``kms_key`` names a key of the account by its alias."""
    keys = kms.key_arns(seeder, account_id)
    for trail in spec.get("cloudtrail_trails", []):
        region = trail.get("region", seeder.regions[0])
        cloudtrail = seeder.client(session, "cloudtrail", region)
        options: dict[str, Any] = {
            "Name": trail["name"],
            "S3BucketName": trail["bucket"],
            "IsMultiRegionTrail": bool(trail.get("multi_region")),
            "EnableLogFileValidation": bool(trail.get("log_validation")),
        }
        if trail.get("kms_key"):
            options["KmsKeyId"] = keys[trail["kms_key"]]
        arn = cloudtrail.create_trail(**options)["TrailARN"]
        if trail.get("logging", True):
            cloudtrail.start_logging(Name=trail["name"])
        seeder.truth.trails.append(
            {
                "account_id": account_id,
                "region": region,
                "name": trail["name"],
                "arn": arn,
                "bucket": trail["bucket"],
                "multi_region": bool(trail.get("multi_region")),
                "log_validation": bool(trail.get("log_validation")),
                "kms_key_id": options.get("KmsKeyId"),
                "logging": trail.get("logging", True),
            }
        )
        seeder.plant(trail.get("planted"), account_id, region, arn, "cloudtrail_trail")
