"""Amazon Neptune: DB clusters (no instances: every setting the checks read is the cluster's)
and their cluster snapshots, manual (public or not) and automated.

Neptune speaks RDS's API; the sandbox (moto) serves it from its RDS backend. Automated snapshots
are not made but found: Neptune takes one when it makes a cluster, as RDS does, and the estate
may name it by its cluster (``automated: true``) to plant a misconfiguration on it. moto refuses
IAM database authentication on a Neptune cluster (it takes Neptune for a Multi-AZ DB cluster),
so the estate cannot turn it on and no check of it is seeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

NEPTUNE_CLUSTER = {
    "id": str,
    "region": str,
    "encrypted": bool,
    "deletion_protection": bool,
    "backup_days": int,
    "copy_tags": bool,
    #: Log types published to CloudWatch Logs: audit, slowquery.
    "log_exports": [str],
    "planted": PLANTED,
}
#: A manual snapshot of a cluster made here, or (``automated``) the one Neptune took itself.
NEPTUNE_SNAPSHOT = {
    "id": str,
    "cluster": str,
    "public": bool,
    "automated": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "neptune_clusters": [NEPTUNE_CLUSTER],
    "neptune_snapshots": [NEPTUNE_SNAPSHOT],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"neptune_clusters": "id", "neptune_snapshots": "id"}


@dataclass
class NeptuneTruth:
    neptune_clusters: list[dict[str, Any]] = field(default_factory=list)
    neptune_snapshots: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Clusters, then the manual snapshots made here, then the automated ones Neptune took."""
    clusters: dict[str, dict[str, Any]] = {}
    for cluster in spec.get("neptune_clusters", []):
        clusters[cluster["id"]] = _cluster(seeder, session, account_id, cluster)
    snapshots = spec.get("neptune_snapshots", [])
    for snapshot in (s for s in snapshots if not s.get("automated")):
        _snapshot(seeder, session, account_id, snapshot, clusters[snapshot["cluster"]])
    planted = {s["cluster"]: s.get("planted") for s in snapshots if s.get("automated")}
    for cluster in clusters.values():
        _automated(seeder, session, account_id, cluster, planted.get(cluster["id"]))


def _cluster(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> dict[str, Any]:
    region = spec.get("region", seeder.regions[0])
    made = seeder.client(session, "neptune", region).create_db_cluster(
        DBClusterIdentifier=spec["id"],
        Engine="neptune",
        StorageEncrypted=bool(spec.get("encrypted")),
        DeletionProtection=bool(spec.get("deletion_protection")),
        BackupRetentionPeriod=spec.get("backup_days", 1),
        CopyTagsToSnapshot=bool(spec.get("copy_tags")),
        EnableCloudwatchLogsExports=list(spec.get("log_exports", [])),
    )["DBCluster"]
    row = {
        "account_id": account_id,
        "region": region,
        "id": spec["id"],
        "arn": made["DBClusterArn"],
        "encrypted": bool(spec.get("encrypted")),
        "deletion_protection": bool(spec.get("deletion_protection")),
        "backup_days": spec.get("backup_days", 1),
        "copy_tags": bool(spec.get("copy_tags")),
        "log_exports": sorted(spec.get("log_exports", [])),
    }
    seeder.truth.neptune_clusters.append(row)
    seeder.plant(spec.get("planted"), account_id, region, spec["id"], "neptune_cluster")
    return row


def _snapshot(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any], cluster: dict[str, Any]
) -> None:
    neptune = seeder.client(session, "neptune", cluster["region"])
    arn = neptune.create_db_cluster_snapshot(
        DBClusterSnapshotIdentifier=spec["id"], DBClusterIdentifier=cluster["id"]
    )["DBClusterSnapshot"]["DBClusterSnapshotArn"]
    if spec.get("public"):
        neptune.modify_db_cluster_snapshot_attribute(
            DBClusterSnapshotIdentifier=spec["id"], AttributeName="restore", ValuesToAdd=["all"]
        )
    _record(seeder, account_id, cluster, spec["id"], arn, "manual", bool(spec.get("public")))
    seeder.plant(spec.get("planted"), account_id, cluster["region"], spec["id"], "db_snapshot")


def _automated(
    seeder: Seeder, session: Any, account_id: str, cluster: dict[str, Any], planted: Any
) -> None:
    """Record the automated snapshots Neptune took of the cluster, planting the estate's checks."""
    neptune = seeder.client(session, "neptune", cluster["region"])
    found = neptune.describe_db_cluster_snapshots(
        DBClusterIdentifier=cluster["id"], SnapshotType="automated"
    )["DBClusterSnapshots"]
    for snapshot in found:
        snapshot_id = snapshot["DBClusterSnapshotIdentifier"]
        arn = snapshot["DBClusterSnapshotArn"]
        _record(seeder, account_id, cluster, snapshot_id, arn, "automated", False)
        seeder.plant(planted, account_id, cluster["region"], snapshot_id, "db_snapshot")


def _record(
    seeder: Seeder,
    account_id: str,
    cluster: dict[str, Any],
    snapshot_id: str,
    arn: str,
    kind: str,
    public: bool,
) -> None:
    seeder.truth.neptune_snapshots.append(
        {
            "account_id": account_id,
            "region": cluster["region"],
            "id": snapshot_id,
            "arn": arn,
            "cluster": cluster["id"],
            "type": kind,
            "public": public,
            "encrypted": cluster["encrypted"],
        }
    )
