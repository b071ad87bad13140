"""Amazon Redshift: provisioned single-node clusters, public or private, encrypted with a KMS key
of the account or not, with or without enhanced VPC routing, audit logging to S3, major version
upgrades and a week of automated snapshots.

Seeded after KMS and EC2 (a cluster names its key by its alias and its VPC security groups by
their names). The admin user name is chosen at
creation and never changed after; awsuser is the console's default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

REDSHIFT_CLUSTER = {
    "name": str,
    "region": str,
    #: The admin user's name (awsuser, the console's default, when not given).
    "admin_username": str,
    "publicly_accessible": bool,
    #: The alias of the account's KMS key that encrypts it; unencrypted without one.
    "kms_key": str,
    "enhanced_vpc_routing": bool,
    #: Days automated snapshots are kept (AWS's default, 1, when not given).
    "snapshot_retention_days": int,
    #: Major version upgrades in the maintenance window (AWS's default, true, when not given).
    "allow_version_upgrade": bool,
    #: The bucket that receives its audit logs; audit logging off without one.
    "audit_log_bucket": str,
    "port": int,
    #: Names of security groups of the account's VPCs in its region.
    "security_groups": [str],
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"redshift_clusters": [REDSHIFT_CLUSTER]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"redshift_clusters": "arn"}
DEFAULT_ADMIN = "awsuser"


@dataclass
class RedshiftTruth:
    redshift_clusters: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's clusters, then audit logging where the estate names a bucket."""
    for cluster in spec.get("redshift_clusters", []):
        region = cluster.get("region", seeder.regions[0])
        redshift = seeder.client(session, "redshift", region)
        options: dict[str, Any] = {}
        key_arn = None
        if cluster.get("kms_key"):
            key_arn = kms.key_arns(seeder, account_id)[cluster["kms_key"]]
            options.update(Encrypted=True, KmsKeyId=key_arn)
        groups = _security_group_ids(seeder, account_id, region, cluster.get("security_groups"))
        if groups:
            options["VpcSecurityGroupIds"] = groups
        retention = cluster.get("snapshot_retention_days", 1)
        upgrades = cluster.get("allow_version_upgrade", True)
        admin = cluster.get("admin_username", DEFAULT_ADMIN)
        port = cluster.get("port", 5439)
        redshift.create_cluster(
            ClusterIdentifier=cluster["name"],
            ClusterType="single-node",
            NodeType="ra3.xlplus",
            MasterUsername=admin,
            MasterUserPassword="Sandbox-Passw0rd",
            PubliclyAccessible=bool(cluster.get("publicly_accessible")),
            EnhancedVpcRouting=bool(cluster.get("enhanced_vpc_routing")),
            AutomatedSnapshotRetentionPeriod=retention,
            AllowVersionUpgrade=upgrades,
            Port=port,
            **options,
        )
        bucket = cluster.get("audit_log_bucket")
        if bucket:
            redshift.enable_logging(
                ClusterIdentifier=cluster["name"],
                BucketName=bucket,
                S3KeyPrefix=f"redshift/{cluster['name']}/",
                LogDestinationType="s3",
            )
        seeder.truth.redshift_clusters.append(
            {
                "account_id": account_id,
                "region": region,
                "name": cluster["name"],
                "arn": f"arn:aws:redshift:{region}:{account_id}:cluster:{cluster['name']}",
                "admin_username": admin,
                "publicly_accessible": bool(cluster.get("publicly_accessible")),
                "kms_key_arn": key_arn,
                "enhanced_vpc_routing": bool(cluster.get("enhanced_vpc_routing")),
                "snapshot_retention_days": retention,
                "allow_version_upgrade": upgrades,
                "audit_log_bucket": bucket,
                "port": port,
                "security_group_ids": sorted(groups),
            }
        )
        seeder.plant(
            cluster.get("planted"), account_id, region, cluster["name"], "redshift_cluster"
        )


def _security_group_ids(
    seeder: Seeder, account_id: str, region: str, names: list[str] | None
) -> list[str]:
    ids = {
        group["name"]: group["id"]
        for vpc in seeder.truth.vpcs
        if (vpc["account_id"], vpc["region"]) == (account_id, region)
        for group in vpc["security_groups"]
    }
    return [ids[name] for name in names or []]
