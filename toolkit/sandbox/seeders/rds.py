"""Amazon RDS: DB instances, Aurora clusters, and snapshots of the instances (public or not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

RDS_INSTANCE = {
    "id": str,
    "region": str,
    "engine": str,
    "instance_class": str,
    "public": bool,
    "encrypted": bool,
    "multi_az": bool,
    "planted": PLANTED,
}
RDS_CLUSTER = {"id": str, "region": str, "engine": str, "encrypted": bool, "planted": PLANTED}
RDS_SNAPSHOT = {"id": str, "instance": str, "public": bool, "planted": PLANTED}
ACCOUNT_SCHEMA = {
    "rds_instances": [RDS_INSTANCE],
    "rds_clusters": [RDS_CLUSTER],
    "rds_snapshots": [RDS_SNAPSHOT],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"rds_instances": "id", "rds_clusters": "id", "rds_snapshots": "id"}


@dataclass
class RdsTruth:
    rds_instances: list[dict[str, Any]] = field(default_factory=list)
    rds_clusters: list[dict[str, Any]] = field(default_factory=list)
    rds_snapshots: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Instances, then clusters, then snapshots (of instances made here)."""
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
