"""AWS Config: a configuration recorder per region (all supported resources or a few types, global
resources or not), with a delivery channel to an S3 bucket, recording or stopped; and the
regions an account leaves without any recorder.

Each recorder uses AWS Config's service-linked role by its ARN, or the role the estate names
(neither role is made, so that IAM's roles stay those of the estate). A delivery channel may name a bucket of another
account (the log archive's), as an organization's usually does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

CONFIG_RECORDER = {
    "region": str,
    "name": str,
    #: Record only these resource types (AWS::EC2::Instance, ...); all supported types without.
    "resource_types": [str],
    #: Also record global resources (IAM users, groups, roles, policies).
    "global_resources": bool,
    #: The bucket of the region's delivery channel; no delivery channel without.
    "delivery_bucket": str,
    #: False: the recorder was started, then stopped (true unless said).
    "recording": bool,
    #: The name of a role of the account the recorder uses instead of the service-linked role.
    "role": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "config_recorders": [CONFIG_RECORDER],
    #: Regions where the account has no recorder at all.
    "config_without_recorder": {"regions": [str], "planted": PLANTED},
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"config_recorders": "name", "config_without_recorder": "region"}
SERVICE_LINKED_ROLE = "role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
KEY_PREFIX = "config"


@dataclass
class ConfigTruth:
    config_recorders: list[dict[str, Any]] = field(default_factory=list)
    #: account_id and region of each region left without a recorder
    config_without_recorder: list[dict[str, Any]] = field(default_factory=list)


def check(data: dict[str, Any], source: str) -> None:
    """At most one recorder per account and region (AWS's limit), and none where the account
    says it has none."""
    default = (data.get("regions") or ["us-east-1"])[0]
    for key, spec in (data.get("accounts") or {}).items():
        regions = [r.get("region", default) for r in (spec or {}).get("config_recorders", [])]
        without = ((spec or {}).get("config_without_recorder") or {}).get("regions", [])
        for region in sorted(
            {r for r in regions if regions.count(r) > 1} | set(regions) & set(without)
        ):
            raise UsageError(
                f"{source}: accounts.{key} gives {region} more than one AWS Config recorder, or "
                "a recorder and config_without_recorder; keep one."
            )


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's recorders, each with its delivery channel, started (and stopped) as asked."""
    for recorder in spec.get("config_recorders", []):
        region = recorder.get("region", seeder.regions[0])
        config = seeder.client(session, "config", region)
        name = recorder.get("name", "default")
        role = recorder.get("role")
        role_arn = f"arn:aws:iam::{account_id}:" + (f"role/{role}" if role else SERVICE_LINKED_ROLE)
        types = recorder.get("resource_types")
        group: dict[str, Any] = (
            {"allSupported": False, "resourceTypes": types}
            if types
            else {
                "allSupported": True,
                "includeGlobalResourceTypes": bool(recorder.get("global_resources")),
            }
        )
        config.put_configuration_recorder(
            ConfigurationRecorder={"name": name, "roleARN": role_arn, "recordingGroup": group}
        )
        bucket = recorder.get("delivery_bucket")
        if bucket:
            config.put_delivery_channel(
                DeliveryChannel={
                    "name": "default",
                    "s3BucketName": bucket,
                    "s3KeyPrefix": KEY_PREFIX,
                }
            )
            config.start_configuration_recorder(ConfigurationRecorderName=name)
            if not recorder.get("recording", True):
                config.stop_configuration_recorder(ConfigurationRecorderName=name)
        seeder.truth.config_recorders.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "role_arn": role_arn,
                "all_supported": not types,
                "include_global_resource_types": not types
                and bool(recorder.get("global_resources")),
                "recording": bool(bucket) and recorder.get("recording", True),
                "delivery_channel_name": "default" if bucket else None,
                "delivery_bucket": bucket,
            }
        )
        seeder.plant(recorder.get("planted"), account_id, region, account_id, "config_recorder")
    without = spec.get("config_without_recorder") or {}
    for region in without.get("regions", []):
        seeder.truth.config_without_recorder.append({"account_id": account_id, "region": region})
        seeder.plant(without.get("planted"), account_id, region, account_id, "config_recorder")
