"""Seed the workload services of one account: EBS, KMS, CloudTrail, RDS and Lambda.

Called by ``Seeder`` for each account after its buckets, VPCs and IAM principals exist (trails
need their bucket, functions their role). Each function records what it made in the ground
truth and plants what the estate marks as planted.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .seed import Seeder


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    keys = _kms(seeder, session, account_id, spec.get("kms_keys", []))
    _ebs(seeder, session, account_id, spec)
    _trails(seeder, session, account_id, spec.get("cloudtrail_trails", []), keys)
    _rds(seeder, session, account_id, spec)
    _lambda(seeder, session, account_id, spec.get("lambda_functions", []))


def _kms(seeder: Seeder, session: Any, account_id: str, keys: list[dict[str, Any]]) -> dict:
    made: dict[str, str] = {}
    for key in keys:
        region = key.get("region", seeder.regions[0])
        kms = seeder.client(session, "kms", region)
        meta = kms.create_key(Description=key.get("description", key["alias"]))["KeyMetadata"]
        kms.create_alias(AliasName=f"alias/{key['alias']}", TargetKeyId=meta["KeyId"])
        if key.get("rotation"):
            kms.enable_key_rotation(KeyId=meta["KeyId"])
        made[key["alias"]] = meta["Arn"]
        seeder.truth.kms_keys.append(
            {
                "account_id": account_id,
                "region": region,
                "key_id": meta["KeyId"],
                "arn": meta["Arn"],
                "alias": f"alias/{key['alias']}",
                "rotation": bool(key.get("rotation")),
            }
        )
        seeder.plant(key.get("planted"), account_id, region, meta["KeyId"], "kms_key")
    return made


def _ebs(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    enabled = spec.get("ebs_encryption_by_default", [])
    for region in enabled:
        seeder.client(session, "ec2", region).enable_ebs_encryption_by_default()
    seeder.truth.ebs_encryption_by_default[account_id] = sorted(enabled)
    for volume in spec.get("volumes", []):
        region = volume.get("region", seeder.regions[0])
        ec2 = seeder.client(session, "ec2", region)
        created = ec2.create_volume(
            AvailabilityZone=f"{region}a",
            Size=volume.get("size", 20),
            Encrypted=bool(volume.get("encrypted")),
            TagSpecifications=[
                {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": volume["name"]}]}
            ],
        )
        seeder.truth.volumes.append(
            {
                "account_id": account_id,
                "region": region,
                "id": created["VolumeId"],
                "name": volume["name"],
                "encrypted": created["Encrypted"],
            }
        )
        seeder.plant(volume.get("planted"), account_id, region, created["VolumeId"], "volume")


def _trails(
    seeder: Seeder, session: Any, account_id: str, trails: list[dict[str, Any]], keys: dict
) -> None:
    for trail in trails:
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


def _rds(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    regions: dict[str, str] = {}
    for instance in spec.get("rds_instances", []):
        region = instance.get("region", seeder.regions[0])
        regions[instance["id"]] = region
        created = seeder.client(session, "rds", region).create_db_instance(
            DBInstanceIdentifier=instance["id"],
            Engine=instance.get("engine", "postgres"),
            DBInstanceClass=instance.get("instance_class", "db.t3.micro"),
            AllocatedStorage=20,
            MasterUsername="dbadmin",
            MasterUserPassword="Sandbox-Passw0rd!",
            PubliclyAccessible=bool(instance.get("public")),
            StorageEncrypted=bool(instance.get("encrypted")),
            MultiAZ=bool(instance.get("multi_az")),
        )["DBInstance"]
        seeder.truth.rds_instances.append(
            {
                "account_id": account_id,
                "region": region,
                "id": instance["id"],
                "arn": created["DBInstanceArn"],
                "public": bool(instance.get("public")),
                "encrypted": bool(instance.get("encrypted")),
            }
        )
        seeder.plant(instance.get("planted"), account_id, region, instance["id"], "db_instance")
    for cluster in spec.get("rds_clusters", []):
        region = cluster.get("region", seeder.regions[0])
        created = seeder.client(session, "rds", region).create_db_cluster(
            DBClusterIdentifier=cluster["id"],
            Engine=cluster.get("engine", "aurora-postgresql"),
            MasterUsername="dbadmin",
            MasterUserPassword="Sandbox-Passw0rd!",
            StorageEncrypted=bool(cluster.get("encrypted")),
        )["DBCluster"]
        seeder.truth.rds_clusters.append(
            {
                "account_id": account_id,
                "region": region,
                "id": cluster["id"],
                "arn": created["DBClusterArn"],
                "encrypted": bool(cluster.get("encrypted")),
            }
        )
        seeder.plant(cluster.get("planted"), account_id, region, cluster["id"], "db_cluster")
    for snapshot in spec.get("rds_snapshots", []):
        region = regions[snapshot["instance"]]
        rds = seeder.client(session, "rds", region)
        created = rds.create_db_snapshot(
            DBSnapshotIdentifier=snapshot["id"], DBInstanceIdentifier=snapshot["instance"]
        )["DBSnapshot"]
        if snapshot.get("public"):
            rds.modify_db_snapshot_attribute(
                DBSnapshotIdentifier=snapshot["id"], AttributeName="restore", ValuesToAdd=["all"]
            )
        seeder.truth.rds_snapshots.append(
            {
                "account_id": account_id,
                "region": region,
                "id": snapshot["id"],
                "arn": created["DBSnapshotArn"],
                "instance": snapshot["instance"],
                "public": bool(snapshot.get("public")),
            }
        )
        seeder.plant(snapshot.get("planted"), account_id, region, snapshot["id"], "db_snapshot")


def _lambda(seeder: Seeder, session: Any, account_id: str, functions: list[dict[str, Any]]) -> None:
    for function in functions:
        region = function.get("region", seeder.regions[0])
        client = seeder.client(session, "lambda", region)
        created = client.create_function(
            FunctionName=function["name"],
            Runtime=function.get("runtime", "python3.12"),
            Role=f"arn:aws:iam::{account_id}:role/{function['role']}",
            Handler="app.handler",
            Code={"ZipFile": _zip("def handler(event, context):\n    return {}\n")},
        )
        url_auth = function.get("url_auth")
        if url_auth:
            client.create_function_url_config(FunctionName=function["name"], AuthType=url_auth)
        if function.get("public_policy"):
            client.add_permission(
                FunctionName=function["name"],
                StatementId="public-invoke",
                Action="lambda:InvokeFunction",
                Principal="*",
            )
        seeder.truth.lambda_functions.append(
            {
                "account_id": account_id,
                "region": region,
                "name": function["name"],
                "arn": created["FunctionArn"],
                "runtime": function.get("runtime", "python3.12"),
                "url_auth": url_auth,
                "public_policy": bool(function.get("public_policy")),
            }
        )
        seeder.plant(
            function.get("planted"), account_id, region, function["name"], "lambda_function"
        )


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()
