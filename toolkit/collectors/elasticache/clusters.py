"""``elasticache.clusters``: every ElastiCache cache cluster (Memcached clusters, Redis OSS and
Valkey nodes, standalone or members of a replication group), with the settings FSBP's
ElastiCache cluster controls read.

DescribeCacheClusters answers everything in one paged call per account and region. (The
replication group a member belongs to is not a column: the sandbox, like moto, has no member
clusters to fill it.)
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "elasticache"
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def list_clusters(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "describe_cache_clusters", "CacheClusters", **PAGE)
    return [
        {
            "cache_cluster_id": cluster["CacheClusterId"],
            "arn": cluster.get("ARN"),
            "status": cluster.get("CacheClusterStatus"),
            "engine": cluster.get("Engine"),
            "engine_version": cluster.get("EngineVersion"),
            "cache_node_type": cluster.get("CacheNodeType"),
            "num_cache_nodes": cluster.get("NumCacheNodes"),
            "cache_subnet_group_name": cluster.get("CacheSubnetGroupName"),
            "auto_minor_version_upgrade": cluster.get("AutoMinorVersionUpgrade"),
            "snapshot_retention_limit": cluster.get("SnapshotRetentionLimit"),
            "create_time": cluster.get("CacheClusterCreateTime"),
        }
        for cluster in listed
    ]


clusters = declare(
    "elasticache.clusters",
    where="regional",
    key=("arn",),
    doc="Every ElastiCache cache cluster (Memcached, Redis OSS, Valkey), with its subnet group, "
    "automatic minor version upgrades and automatic backups.",
    list=ListStep(("elasticache:DescribeCacheClusters",), list_clusters),
    columns=(
        Column("cache_cluster_id", "string", "The cluster's id (unique per region)."),
        Column("arn", "string", "arn:aws:elasticache:REGION:ACCOUNT:cluster:CACHE_CLUSTER_ID."),
        Column("status", "string", "creating, available, modifying, deleting, ..."),
        Column("engine", "string", "memcached, redis or valkey."),
        Column("engine_version", "string", "The engine's version (7.1, 1.6.22, ...)."),
        Column("cache_node_type", "string", "The node type (cache.t3.micro, ...)."),
        Column("num_cache_nodes", "Int64", "Cache nodes in the cluster."),
        Column(
            "cache_subnet_group_name",
            "string",
            "Its cache subnet group; default is the group AWS makes over the default VPC.",
        ),
        Column(
            "auto_minor_version_upgrade",
            "boolean",
            "Whether minor engine versions are applied automatically.",
        ),
        Column(
            "snapshot_retention_limit",
            "Int64",
            "Days automatic backups are kept (0: off; Redis OSS and Valkey only).",
        ),
        Column("create_time", "datetime64[ns, UTC]", "When it was created."),
    ),
)
