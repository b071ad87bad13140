"""``elasticache.replication_groups``: every ElastiCache replication group, with the settings
FSBP's ElastiCache replication-group controls read.

DescribeReplicationGroups answers everything in one paged call per account and region.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ..ec2._shared import json_list

SERVICE = "elasticache"
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def list_replication_groups(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "describe_replication_groups", "ReplicationGroups", **PAGE)
    return [group_row(group) for group in listed]


def group_row(group: dict[str, Any]) -> dict[str, Any]:
    primary = None
    for node_group in group.get("NodeGroups") or []:
        primary = (node_group.get("PrimaryEndpoint") or {}).get("Address") or primary
    configuration = (group.get("ConfigurationEndpoint") or {}).get("Address")
    return {
        "replication_group_id": group["ReplicationGroupId"],
        "arn": group.get("ARN"),
        "description": group.get("Description"),
        "status": group.get("Status"),
        "engine": group.get("Engine"),
        "cache_node_type": group.get("CacheNodeType"),
        "cluster_enabled": group.get("ClusterEnabled"),
        "member_clusters": json_list(group.get("MemberClusters") or []),
        "endpoint_address": configuration or primary,
        "automatic_failover": group.get("AutomaticFailover"),
        "multi_az": group.get("MultiAZ"),
        "at_rest_encryption_enabled": group.get("AtRestEncryptionEnabled"),
        "kms_key_id": group.get("KmsKeyId"),
        "transit_encryption_enabled": group.get("TransitEncryptionEnabled"),
        "auth_token_enabled": group.get("AuthTokenEnabled"),
        "snapshot_retention_limit": group.get("SnapshotRetentionLimit"),
        "auto_minor_version_upgrade": group.get("AutoMinorVersionUpgrade"),
        "create_time": group.get("ReplicationGroupCreateTime"),
    }


replication_groups = declare(
    "elasticache.replication_groups",
    where="regional",
    key=("arn",),
    doc="Every ElastiCache replication group (Redis OSS, Valkey), with automatic failover, "
    "encryption at rest and in transit, AUTH and automatic backups.",
    list=ListStep(("elasticache:DescribeReplicationGroups",), list_replication_groups),
    columns=(
        Column("replication_group_id", "string", "The group's id (unique per region)."),
        Column(
            "arn",
            "string",
            "arn:aws:elasticache:REGION:ACCOUNT:replicationgroup:REPLICATION_GROUP_ID.",
        ),
        Column("description", "string", "The group's description."),
        Column("status", "string", "creating, available, modifying, deleting, ..."),
        Column("engine", "string", "redis or valkey."),
        Column("cache_node_type", "string", "The node type (cache.t3.micro, ...)."),
        Column("cluster_enabled", "boolean", "Whether cluster mode (sharding) is on."),
        Column("member_clusters", "string", "JSON sorted list of its member cache clusters."),
        Column(
            "endpoint_address",
            "string",
            "The configuration endpoint (cluster mode) or the primary endpoint.",
        ),
        Column(
            "automatic_failover",
            "string",
            "enabled, disabled, enabling or disabling: whether a replica is promoted when the "
            "primary fails.",
        ),
        Column("multi_az", "string", "enabled or disabled."),
        Column("at_rest_encryption_enabled", "boolean", "Whether its data on disk is encrypted."),
        Column(
            "kms_key_id",
            "string",
            "The customer managed KMS key that encrypts it at rest; null for the default key or "
            "none.",
        ),
        Column(
            "transit_encryption_enabled",
            "boolean",
            "Whether connections to it and between its nodes use TLS.",
        ),
        Column(
            "auth_token_enabled",
            "boolean",
            "Whether clients must send the AUTH token (password) before commands.",
        ),
        Column(
            "snapshot_retention_limit",
            "Int64",
            "Days automatic backups are kept (0: automatic backups off).",
        ),
        Column(
            "auto_minor_version_upgrade",
            "boolean",
            "Whether minor engine versions are applied automatically; null when AWS does not say.",
        ),
        Column("create_time", "datetime64[ns, UTC]", "When it was created."),
    ),
)
