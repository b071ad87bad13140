"""AWS CloudTrail: trails into the account's buckets (under a key prefix or not), encrypted with
its KMS keys, logging or not, with advanced event selectors and delivery to CloudWatch Logs.

Seeded after S3, IAM and KMS, whose buckets, roles and keys the trails name. A trail's
CloudWatch Logs log group is made here; the role CloudTrail delivers with is an IAM role of the
account's estate.
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
    "s3_key_prefix": str,
    #: An organization trail (management account only): it logs every member account too.
    "organization": bool,
    #: The log group the trail also delivers to (made here) and the role it delivers with.
    "cloud_watch_logs": {"log_group": str, "role": str, "retention_days": int},
    #: As PutEventSelectors takes them: [{"Name": ..., "FieldSelectors": [...]}].
    "advanced_event_selectors": [dict],
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
            "IsOrganizationTrail": bool(trail.get("organization")),
        }
        if trail.get("kms_key"):
            options["KmsKeyId"] = keys[trail["kms_key"]]
        if trail.get("s3_key_prefix"):
            options["S3KeyPrefix"] = trail["s3_key_prefix"]
        delivery = trail.get("cloud_watch_logs")
        if delivery:
            options["CloudWatchLogsLogGroupArn"] = _log_group(
                seeder, session, account_id, region, delivery
            )
            options["CloudWatchLogsRoleArn"] = f"arn:aws:iam::{account_id}:role/{delivery['role']}"
        arn = cloudtrail.create_trail(**options)["TrailARN"]
        selectors = trail.get("advanced_event_selectors")
        if selectors:
            cloudtrail.put_event_selectors(
                TrailName=trail["name"], AdvancedEventSelectors=selectors
            )
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
                "organization": bool(trail.get("organization")),
                "log_validation": bool(trail.get("log_validation")),
                "kms_key_id": options.get("KmsKeyId"),
                "logging": trail.get("logging", True),
                "s3_key_prefix": options.get("S3KeyPrefix"),
                "cloud_watch_logs_log_group_arn": options.get("CloudWatchLogsLogGroupArn"),
                "cloud_watch_logs_role_arn": options.get("CloudWatchLogsRoleArn"),
                "advanced_event_selectors": list(selectors or []),
            }
        )
        seeder.plant(trail.get("planted"), account_id, region, arn, "cloudtrail_trail")


def _log_group(
    seeder: Seeder, session: Any, account_id: str, region: str, delivery: dict[str, Any]
) -> str:
    """Make the trail's log group (with its retention) and return the ARN CloudTrail takes."""
    logs = seeder.client(session, "logs", region)
    name = delivery["log_group"]
    logs.create_log_group(logGroupName=name)
    if delivery.get("retention_days"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=delivery["retention_days"])
    return f"arn:aws:logs:{region}:{account_id}:log-group:{name}:*"
