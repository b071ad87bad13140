"""Amazon RDS: DB subnet groups in the account's VPCs; DB instances, alone or members of an
Aurora cluster; the clusters; and snapshots of instances and clusters (public or not), manual
and automated.

Seeded after EC2, whose subnets the subnet groups name. Instances alone are made before the
clusters, and members after the cluster they join. Automated snapshots are not made but found:
RDS takes one when it creates an instance or cluster with backups on (its default retention of
one day, which the seeder keeps), and moto does the same, also for an Aurora member, which on
AWS has none (its cluster is backed up), so the seeder deletes that one. The estate may name an
automated snapshot by its source (``automated: true``) to plant a misconfiguration on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

RDS_SUBNET_GROUP = {
    "name": str,
    "region": str,
    "description": str,
    "vpc": str,  # the name of a VPC of the account
    "subnets": [str],  # names of its subnets
    "planted": PLANTED,
}
RDS_INSTANCE = {
    "id": str,
    "region": str,
    "engine": str,
    "instance_class": str,
    "public": bool,
    "encrypted": bool,
    "multi_az": bool,
    "subnet_group": str,
    #: The Aurora cluster the instance is a member of (its storage and encryption are the
    #: cluster's).
    "cluster": str,
    #: Seconds between Enhanced Monitoring samples (0: off, the default).
    "monitoring_interval": int,
    #: The settings below are a standalone instance's (a member's are its cluster's).
    #: Log types published to CloudWatch Logs (none by default).
    "log_exports": [str],
    "copy_tags": bool,
    "iam_auth": bool,
    #: The port, if not the engine's default.
    "port": int,
    #: The administrator's user name (default dbadmin).
    "admin_username": str,
    "planted": PLANTED,
}
RDS_CLUSTER = {
    "id": str,
    "region": str,
    "engine": str,
    "encrypted": bool,
    "subnet_group": str,
    "iam_auth": bool,
    "copy_tags": bool,
    #: The administrator's user name (default dbadmin).
    "admin_username": str,
    #: Days automated backups are kept (RDS's default 1).
    "backup_days": int,
    "planted": PLANTED,
}
#: A snapshot of an instance or (``cluster``) of a cluster made here; with ``automated``, the
#: one RDS took itself (its id is RDS's, rds:SOURCE-TIME): named only to plant on it.
RDS_SNAPSHOT = {
    "id": str,
    "instance": str,
    "cluster": str,
    "public": bool,
    "automated": bool,
    "planted": PLANTED,
}
#: An event notification subscription, sending to an SNS topic of the account (by name).
RDS_EVENT_SUBSCRIPTION = {
    "name": str,
    "region": str,
    "topic": str,
    "source_type": str,
    "categories": [str],
    "enabled": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "rds_subnet_groups": [RDS_SUBNET_GROUP],
    "rds_event_subscriptions": [RDS_EVENT_SUBSCRIPTION],
    "rds_instances": [RDS_INSTANCE],
    "rds_clusters": [RDS_CLUSTER],
    "rds_snapshots": [RDS_SNAPSHOT],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {
    "rds_subnet_groups": "name",
    "rds_instances": "id",
    "rds_clusters": "id",
    "rds_snapshots": "id",
    "rds_event_subscriptions": "name",
}


@dataclass
class RdsTruth:
    rds_subnet_groups: list[dict[str, Any]] = field(default_factory=list)
    rds_instances: list[dict[str, Any]] = field(default_factory=list)
    rds_clusters: list[dict[str, Any]] = field(default_factory=list)
    rds_snapshots: list[dict[str, Any]] = field(default_factory=list)
    rds_event_subscriptions: list[dict[str, Any]] = field(default_factory=list)


def check(data: dict[str, Any], source: str) -> None:
    """A made snapshot has an id; an automated one has none (RDS names it) and is not public."""
    for key, spec in (data.get("accounts") or {}).items():
        for snapshot in (spec or {}).get("rds_snapshots", []):
            automated = bool(snapshot.get("automated"))
            named = "instance" in snapshot or "cluster" in snapshot
            if automated == ("id" in snapshot) or (automated and "public" in snapshot) or not named:
                raise UsageError(
                    f"{source}: accounts.{key}.rds_snapshots: name the instance or cluster of "
                    "each snapshot, give a manual one an id, and an automated one neither id "
                    "(RDS names it) nor public (it cannot be shared)."
                )


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Subnet groups, instances alone, clusters, cluster members, then snapshots: those made
    here, then those RDS took."""
    for group in spec.get("rds_subnet_groups", []):
        _subnet_group(seeder, session, account_id, group)
    groups = {g["name"]: g for g in seeder.truth.rds_subnet_groups if g["account_id"] == account_id}
    regions: dict[str, str] = {}
    instances = spec.get("rds_instances", [])
    for instance in (i for i in instances if not i.get("cluster")):
        regions[instance["id"]] = _instance(seeder, session, account_id, instance, groups, {})
    clusters: dict[str, dict[str, Any]] = {}
    for cluster in spec.get("rds_clusters", []):
        clusters[cluster["id"]] = _cluster(seeder, session, account_id, cluster, groups)
        regions[cluster["id"]] = clusters[cluster["id"]]["region"]
    for instance in (i for i in instances if i.get("cluster")):
        regions[instance["id"]] = _instance(seeder, session, account_id, instance, groups, clusters)
    snapshots = spec.get("rds_snapshots", [])
    for snapshot in (s for s in snapshots if not s.get("automated")):
        _snapshot(seeder, session, account_id, snapshot, regions)
    planted = {_source(s): s.get("planted") for s in snapshots if s.get("automated")}
    sources = [("instance", i["id"], bool(i.get("cluster"))) for i in instances]
    sources += [("cluster", c["id"], False) for c in spec.get("rds_clusters", [])]
    for kind, source, member in sources:
        found = _automated(seeder, session, account_id, kind, source, regions[source], member)
        checks = planted.pop((kind, source), None) if found else None
        for snapshot_id in found:
            seeder.plant(checks, account_id, regions[source], snapshot_id, "db_snapshot")
    if planted:
        raise UsageError(
            f"the estate plants on automated snapshots of {sorted(planted)}, of which RDS takes "
            "none (an Aurora member's backups are its cluster's)."
        )


def seed_event_subscriptions(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]
) -> None:
    """Event notification subscriptions: a step of their own, after every earlier step, so that
    the ids drawn before them do not change. Enabled is always given (moto's default is off,
    AWS's on)."""
    for subscription in spec.get("rds_event_subscriptions", []):
        region = subscription.get("region", seeder.regions[0])
        options: dict[str, Any] = {}
        if subscription.get("source_type"):
            options["SourceType"] = subscription["source_type"]
        made = seeder.client(session, "rds", region).create_event_subscription(
            SubscriptionName=subscription["name"],
            SnsTopicArn=f"arn:aws:sns:{region}:{account_id}:{subscription['topic']}",
            EventCategories=list(subscription.get("categories", [])),
            Enabled=subscription.get("enabled", True),
            **options,
        )["EventSubscription"]
        seeder.truth.rds_event_subscriptions.append(
            {
                "account_id": account_id,
                "region": region,
                "name": subscription["name"],
                "arn": made["EventSubscriptionArn"],
                "source_type": subscription.get("source_type"),
                "categories": sorted(subscription.get("categories", [])),
                "enabled": subscription.get("enabled", True),
            }
        )
        seeder.plant(
            subscription.get("planted"),
            account_id,
            region,
            subscription["name"],
            "event_subscription",
        )


def _source(snapshot: dict[str, Any]) -> tuple[str, str]:
    """What an estate's snapshot is of: (instance or cluster, its id)."""
    if snapshot.get("cluster"):
        return "cluster", snapshot["cluster"]
    return "instance", snapshot["instance"]


def _subnet_group(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    vpc = next(
        v
        for v in seeder.truth.vpcs
        if (v["account_id"], v["region"], v["name"]) == (account_id, region, spec["vpc"])
    )
    subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
    made = seeder.client(session, "rds", region).create_db_subnet_group(
        DBSubnetGroupName=spec["name"],
        DBSubnetGroupDescription=spec.get("description", spec["name"]),
        SubnetIds=[subnets[name] for name in spec["subnets"]],
    )["DBSubnetGroup"]
    seeder.truth.rds_subnet_groups.append(
        {
            "account_id": account_id,
            "region": region,
            "name": spec["name"],
            "arn": made.get("DBSubnetGroupArn"),
            "vpc_id": vpc["id"],
            "subnet_ids": sorted(subnets[name] for name in spec["subnets"]),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, spec["name"], "db_subnet_group")


def _instance(
    seeder: Seeder,
    session: Any,
    account_id: str,
    spec: dict[str, Any],
    groups: dict[str, dict[str, Any]],
    clusters: dict[str, dict[str, Any]],
) -> str:
    """Make the instance; returns its region. A cluster member takes no storage settings."""
    region = spec.get("region", seeder.regions[0])
    options: dict[str, Any] = {}
    cluster = clusters.get(spec.get("cluster", ""))
    if cluster is not None:
        options["DBClusterIdentifier"] = cluster["id"]
        encrypted = cluster["encrypted"]
    else:
        encrypted = bool(spec.get("encrypted"))
        options.update(
            AllocatedStorage=20,
            MasterUsername=spec.get("admin_username", "dbadmin"),
            MasterUserPassword="Sandbox-Passw0rd!",
            StorageEncrypted=encrypted,
            MultiAZ=bool(spec.get("multi_az")),
            CopyTagsToSnapshot=bool(spec.get("copy_tags")),
            EnableIAMDatabaseAuthentication=bool(spec.get("iam_auth")),
            EnableCloudwatchLogsExports=list(spec.get("log_exports", [])),
        )
        if spec.get("port"):
            options["Port"] = spec["port"]
    if spec.get("monitoring_interval"):
        options["MonitoringInterval"] = spec["monitoring_interval"]
        options["MonitoringRoleArn"] = f"arn:aws:iam::{account_id}:role/rds-monitoring-role"
    group = groups.get(spec.get("subnet_group", ""))
    if group is not None:
        options["DBSubnetGroupName"] = group["name"]
    created = seeder.client(session, "rds", region).create_db_instance(
        DBInstanceIdentifier=spec["id"],
        Engine=spec.get("engine", "postgres"),
        DBInstanceClass=spec.get("instance_class", "db.t3.micro"),
        PubliclyAccessible=bool(spec.get("public")),
        **options,
    )["DBInstance"]
    seeder.truth.rds_instances.append(
        {
            "account_id": account_id,
            "region": region,
            "id": spec["id"],
            "arn": created["DBInstanceArn"],
            "public": bool(spec.get("public")),
            "encrypted": encrypted,
            "subnet_group": group["name"] if group else None,
            "vpc_id": group["vpc_id"] if group else None,
            "cluster": cluster["id"] if cluster else None,
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, spec["id"], "db_instance")
    return region


def _cluster(
    seeder: Seeder,
    session: Any,
    account_id: str,
    spec: dict[str, Any],
    groups: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    region = spec.get("region", seeder.regions[0])
    options: dict[str, Any] = {}
    if spec.get("subnet_group"):
        options["DBSubnetGroupName"] = groups[spec["subnet_group"]]["name"]
    created = seeder.client(session, "rds", region).create_db_cluster(
        DBClusterIdentifier=spec["id"],
        Engine=spec.get("engine", "aurora-postgresql"),
        MasterUsername=spec.get("admin_username", "dbadmin"),
        MasterUserPassword="Sandbox-Passw0rd!",
        StorageEncrypted=bool(spec.get("encrypted")),
        EnableIAMDatabaseAuthentication=bool(spec.get("iam_auth")),
        CopyTagsToSnapshot=bool(spec.get("copy_tags")),
        BackupRetentionPeriod=spec.get("backup_days", 1),
        **options,
    )["DBCluster"]
    row = {
        "account_id": account_id,
        "region": region,
        "id": spec["id"],
        "arn": created["DBClusterArn"],
        "encrypted": bool(spec.get("encrypted")),
        "subnet_group": options.get("DBSubnetGroupName"),
    }
    seeder.truth.rds_clusters.append(row)
    seeder.plant(spec.get("planted"), account_id, region, spec["id"], "db_cluster")
    return row


def _snapshot(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any], regions: dict[str, str]
) -> None:
    source = spec.get("cluster") or spec["instance"]
    region = regions[source]
    rds = seeder.client(session, "rds", region)
    if spec.get("cluster"):
        arn = rds.create_db_cluster_snapshot(
            DBClusterSnapshotIdentifier=spec["id"], DBClusterIdentifier=source
        )["DBClusterSnapshot"]["DBClusterSnapshotArn"]
        share = rds.modify_db_cluster_snapshot_attribute
        named = {"DBClusterSnapshotIdentifier": spec["id"]}
    else:
        arn = rds.create_db_snapshot(DBSnapshotIdentifier=spec["id"], DBInstanceIdentifier=source)[
            "DBSnapshot"
        ]["DBSnapshotArn"]
        share = rds.modify_db_snapshot_attribute
        named = {"DBSnapshotIdentifier": spec["id"]}
    if spec.get("public"):
        share(**named, AttributeName="restore", ValuesToAdd=["all"])
    seeder.truth.rds_snapshots.append(
        {
            "account_id": account_id,
            "region": region,
            "id": spec["id"],
            "arn": arn,
            "kind": "cluster" if spec.get("cluster") else "instance",
            "instance": spec.get("instance"),
            "cluster": spec.get("cluster"),
            "public": bool(spec.get("public")),
            "type": "manual",
            "encrypted": _encrypted(seeder, account_id, source),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, spec["id"], "db_snapshot")


def _encrypted(seeder: Seeder, account_id: str, source: str) -> bool:
    """Whether an instance's or cluster's storage (so its snapshots) is encrypted."""
    for row in (*seeder.truth.rds_clusters, *seeder.truth.rds_instances):
        if (row["account_id"], row["id"]) == (account_id, source):
            return bool(row["encrypted"])
    raise KeyError(source)


def _automated(
    seeder: Seeder,
    session: Any,
    account_id: str,
    kind: str,
    source: str,
    region: str,
    member: bool,
) -> list[str]:
    """Record the automated snapshots RDS took of an instance or cluster, and return their ids;
    delete moto's of an Aurora ``member`` instance, which AWS does not take."""
    rds = seeder.client(session, "rds", region)
    if kind == "cluster":
        answer = rds.describe_db_cluster_snapshots(
            DBClusterIdentifier=source, SnapshotType="automated"
        )["DBClusterSnapshots"]
        found = [(s["DBClusterSnapshotIdentifier"], s["DBClusterSnapshotArn"]) for s in answer]
    else:
        answer = rds.describe_db_snapshots(DBInstanceIdentifier=source, SnapshotType="automated")
        found = [(s["DBSnapshotIdentifier"], s["DBSnapshotArn"]) for s in answer["DBSnapshots"]]
    if member:
        for snapshot_id, _ in found:
            rds.delete_db_snapshot(DBSnapshotIdentifier=snapshot_id)
        return []
    for snapshot_id, arn in found:
        seeder.truth.rds_snapshots.append(
            {
                "account_id": account_id,
                "region": region,
                "id": snapshot_id,
                "arn": arn,
                "kind": kind,
                "instance": source if kind == "instance" else None,
                "cluster": source if kind == "cluster" else None,
                "public": False,
                "type": "automated",
                "encrypted": _encrypted(seeder, account_id, source),
            }
        )
    return [snapshot_id for snapshot_id, _ in found]
