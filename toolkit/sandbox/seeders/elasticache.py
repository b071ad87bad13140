"""Amazon ElastiCache: Redis OSS replication groups of one or more nodes, with or without
automatic failover, encryption at rest (AWS's default key or a KMS key of the account),
encryption in transit with an AUTH token, and automatic backups.

Seeded after KMS (a group names its key by its alias). moto makes no member cache clusters for a
replication group (DescribeCacheClusters stays empty), so the estate has replication groups
only.
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
ACCOUNT_SCHEMA = {"elasticache_replication_groups": [ELASTICACHE_REPLICATION_GROUP]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"elasticache_replication_groups": "arn"}


@dataclass
class ElastiCacheTruth:
    elasticache_replication_groups: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's replication groups, each made in one CreateReplicationGroup call."""
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
