"""Amazon ElastiCache: Redis OSS replication groups of one or more nodes, with or without
automatic failover, encryption at rest (AWS's default key or a KMS key of the account),
encryption in transit with an AUTH token, and automatic backups.

Also standalone cache clusters, each in a cache subnet group over subnets of a VPC of the
account. AWS makes a subnet group named ``default`` (over the default VPC) the first time a
cluster is launched without one; moto makes none and answers no subnet group, so the estate
names ``default`` explicitly and the seeder makes it over the subnets it lists (the default VPCs
are made only after every account is seeded).

Seeded after EC2 (subnet groups name its subnets) and KMS (a group names its key by its alias).
moto makes no member cache clusters for a replication group (they are absent from
DescribeCacheClusters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ELASTICACHE_REPLICATION_GROUP = {
    "name": str,
    "region": str,
    #: Nodes: a primary and its replicas (1 when not given).
    "nodes": int,
    "automatic_failover": bool,
    #: Encryption at rest: "aws-managed" (ElastiCache's default key) or the alias of the
    #: account's KMS key; unencrypted without it.
    "encryption": str,
    #: TLS in transit, with an AUTH token (AWS requires TLS for AUTH).
    "transit_encryption": bool,
    #: Days automatic backups are kept (0, off, when not given).
    "backup_days": int,
    "planted": PLANTED,
}
ELASTICACHE_CLUSTER = {
    "name": str,
    "region": str,
    #: redis (the default) or memcached.
    "engine": str,
    #: Its cache subnet group, made over subnets of the account's VPC if not made yet.
    "subnet_group": {"name": str, "vpc": str, "subnets": [str]},
    "auto_minor_version_upgrade": bool,
    #: Days automatic backups are kept (0, off, when not given; Redis only).
    "backup_days": int,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "elasticache_replication_groups": [ELASTICACHE_REPLICATION_GROUP],
    "elasticache_clusters": [ELASTICACHE_CLUSTER],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"elasticache_replication_groups": "arn", "elasticache_clusters": "arn"}
ENGINE_VERSIONS = {"redis": "7.1", "memcached": "1.6.22"}


@dataclass
class ElastiCacheTruth:
    elasticache_replication_groups: list[dict[str, Any]] = field(default_factory=list)
    elasticache_clusters: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's replication groups, then its standalone cache clusters."""
    _replication_groups(seeder, session, account_id, spec)
    _clusters(seeder, session, account_id, spec)


def _replication_groups(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]
) -> None:
    for group in spec.get("elasticache_replication_groups", []):
        region = group.get("region", seeder.regions[0])
        options: dict[str, Any] = {}
        encryption = group.get("encryption")
        key_arn = None
        if encryption:
            options["AtRestEncryptionEnabled"] = True
            if encryption != "aws-managed":
                key_arn = kms.key_arns(seeder, account_id)[encryption]
                options["KmsKeyId"] = key_arn
        transit = bool(group.get("transit_encryption"))
        if transit:
            options.update(TransitEncryptionEnabled=True, AuthToken="sandbox-auth-token-0123")
        made = seeder.client(session, "elasticache", region).create_replication_group(
            ReplicationGroupId=group["name"],
            ReplicationGroupDescription=f"{group['name']} (sandbox)",
            Engine="redis",
            EngineVersion="7.1",
            CacheNodeType="cache.t3.micro",
            NumCacheClusters=group.get("nodes", 1),
            AutomaticFailoverEnabled=bool(group.get("automatic_failover")),
            SnapshotRetentionLimit=group.get("backup_days", 0),
            AutoMinorVersionUpgrade=True,
            **options,
        )["ReplicationGroup"]
        seeder.truth.elasticache_replication_groups.append(
            {
                "account_id": account_id,
                "region": region,
                "name": group["name"],
                "arn": made["ARN"],
                "automatic_failover": bool(group.get("automatic_failover")),
                "at_rest_encryption": bool(encryption),
                "kms_key_arn": key_arn,
                "transit_encryption": transit,
                "backup_days": group.get("backup_days", 0),
            }
        )
        seeder.plant(
            group.get("planted"), account_id, region, group["name"], "elasticache_replication_group"
        )


def _clusters(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    made_groups: set[tuple[str, str]] = set()
    for cluster in spec.get("elasticache_clusters", []):
        region = cluster.get("region", seeder.regions[0])
        elasticache = seeder.client(session, "elasticache", region)
        group = cluster["subnet_group"]
        if (region, group["name"]) not in made_groups:
            elasticache.create_cache_subnet_group(
                CacheSubnetGroupName=group["name"],
                CacheSubnetGroupDescription=f"{group['name']} (sandbox)",
                SubnetIds=_subnet_ids(seeder, account_id, region, group),
            )
            made_groups.add((region, group["name"]))
        engine = cluster.get("engine", "redis")
        options: dict[str, Any] = {}
        if engine == "redis":
            options["SnapshotRetentionLimit"] = cluster.get("backup_days", 0)
        upgrades = cluster.get("auto_minor_version_upgrade", True)
        made = elasticache.create_cache_cluster(
            CacheClusterId=cluster["name"],
            Engine=engine,
            EngineVersion=ENGINE_VERSIONS[engine],
            CacheNodeType="cache.t3.micro",
            NumCacheNodes=1,
            CacheSubnetGroupName=group["name"],
            AutoMinorVersionUpgrade=upgrades,
            **options,
        )["CacheCluster"]
        seeder.truth.elasticache_clusters.append(
            {
                "account_id": account_id,
                "region": region,
                "name": cluster["name"],
                "arn": made["ARN"],
                "engine": engine,
                "subnet_group": group["name"],
                "auto_minor_version_upgrade": upgrades,
                "backup_days": cluster.get("backup_days", 0) if engine == "redis" else None,
            }
        )
        seeder.plant(
            cluster.get("planted"), account_id, region, cluster["name"], "elasticache_cluster"
        )


def _subnet_ids(seeder: Seeder, account_id: str, region: str, group: dict[str, Any]) -> list[str]:
    for vpc in seeder.truth.vpcs:
        if (vpc["account_id"], vpc["region"], vpc["name"]) == (account_id, region, group["vpc"]):
            ids = {s["name"]: s["id"] for s in vpc["subnets"]}
            return [ids[name] for name in group["subnets"]]
    raise KeyError(f"no VPC {group['vpc']} in {account_id} {region}")
