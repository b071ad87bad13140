"""Amazon EFS: file systems, encrypted with a KMS key of the account or not, with automatic
backups or not, and mount targets in subnets of a VPC of the account.

Seeded after EC2 (mount targets go in its subnets) and KMS (a file system names a key by its
alias). Encryption is chosen when a file system is made and never changed after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: An access point of the file system: the directory it roots clients in (/ when not given) and
#: the POSIX user it makes them (none when not given).
ACCESS_POINT = {"name": str, "root": str, "uid": int, "gid": int, "planted": PLANTED}
EFS_FILE_SYSTEM = {
    "name": str,
    "region": str,
    "encrypted": bool,
    #: The alias of the account's KMS key that encrypts it (AWS's aws/elasticfilesystem without).
    "kms_key": str,
    #: Automatic backups (the file system's backup policy).
    "backup": bool,
    "performance_mode": str,
    "throughput_mode": str,
    #: The VPC of the account (by name) and the subnets that get a mount target.
    "mount_targets": {"vpc": str, "subnets": [str]},
    "access_points": [ACCESS_POINT],
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"efs_file_systems": [EFS_FILE_SYSTEM]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"efs_file_systems": "file_system_id", "efs_access_points": "access_point_id"}


@dataclass
class EfsTruth:
    efs_file_systems: list[dict[str, Any]] = field(default_factory=list)
    #: one per access point: id, arn, file system, name, root path, uid and gid (None if none)
    efs_access_points: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's file systems, each tagged with its name, then its mount targets."""
    for system in spec.get("efs_file_systems", []):
        region = system.get("region", seeder.regions[0])
        efs = seeder.client(session, "efs", region)
        options: dict[str, Any] = {}
        if system.get("kms_key"):
            options["KmsKeyId"] = kms.key_arns(seeder, account_id)[system["kms_key"]]
        made = efs.create_file_system(
            CreationToken=f"{account_id}-{system['name']}",
            Encrypted=bool(system.get("encrypted")),
            Backup=bool(system.get("backup")),
            PerformanceMode=system.get("performance_mode", "generalPurpose"),
            ThroughputMode=system.get("throughput_mode", "bursting"),
            Tags=[{"Key": "Name", "Value": system["name"]}],
            **options,
        )
        subnet_ids = _subnets(seeder, account_id, region, system.get("mount_targets"))
        for subnet_id in subnet_ids:
            efs.create_mount_target(FileSystemId=made["FileSystemId"], SubnetId=subnet_id)
        seeder.truth.efs_file_systems.append(
            {
                "account_id": account_id,
                "region": region,
                "file_system_id": made["FileSystemId"],
                "arn": made["FileSystemArn"],
                "name": system["name"],
                "encrypted": bool(system.get("encrypted")),
                "kms_key_id": options.get("KmsKeyId"),
                "backup": bool(system.get("backup")),
                "mount_targets": len(subnet_ids),
            }
        )
        seeder.plant(
            system.get("planted"), account_id, region, made["FileSystemId"], "efs_file_system"
        )
        for point in system.get("access_points", []):
            _access_point(seeder, efs, account_id, region, made["FileSystemId"], point)


def _access_point(
    seeder: Seeder,
    efs: Any,
    account_id: str,
    region: str,
    file_system_id: str,
    spec: dict[str, Any],
) -> None:
    """One access point, rooted where ``spec`` says and with its POSIX user, if any."""
    options: dict[str, Any] = {}
    if "root" in spec:
        options["RootDirectory"] = {"Path": spec["root"]}
    if "uid" in spec:
        options["PosixUser"] = {"Uid": spec["uid"], "Gid": spec.get("gid", spec["uid"])}
    made = efs.create_access_point(
        ClientToken=f"{account_id}-{spec['name']}",
        FileSystemId=file_system_id,
        Tags=[{"Key": "Name", "Value": spec["name"]}],
        **options,
    )
    seeder.truth.efs_access_points.append(
        {
            "account_id": account_id,
            "region": region,
            "access_point_id": made["AccessPointId"],
            "arn": made["AccessPointArn"],
            "file_system_id": file_system_id,
            "name": spec["name"],
            "root": spec.get("root", "/"),
            "uid": spec.get("uid"),
            "gid": spec.get("gid", spec.get("uid")),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, made["AccessPointId"], "efs_access_point")


def _subnets(
    seeder: Seeder, account_id: str, region: str, spec: dict[str, Any] | None
) -> list[str]:
    """The ids of the subnets ``spec`` names, in the VPC it names."""
    if not spec:
        return []
    vpc = next(
        v
        for v in seeder.truth.vpcs
        if (v["account_id"], v["region"], v["name"]) == (account_id, region, spec["vpc"])
    )
    subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
    return [subnets[name] for name in spec.get("subnets", [])]
