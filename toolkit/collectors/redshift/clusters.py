"""``redshift.clusters``: every provisioned Redshift cluster, with the settings FSBP's Redshift
controls read, and its audit logging.

DescribeClusters answers the cluster's own settings; audit logging is a per-cluster hydrate
(DescribeLoggingStatus), so that ``collect(columns=...)`` skips it. DescribeClusters names no
ARN: it is built as AWS writes it (arn:aws:redshift:REGION:ACCOUNT:cluster:IDENTIFIER).
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import json_list, partition

SERVICE = "redshift"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A cluster deleted between the list and its logging call is gone: no row.
GONE = ("ClusterNotFound", "ClusterNotFoundFault")


async def list_clusters(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "describe_clusters", "Clusters", **PAGE)
    prefix = f"arn:{partition(ctx.region)}:redshift:{ctx.region}:{ctx.account_id}:cluster:"
    return [cluster_row(prefix, cluster) for cluster in listed]


def cluster_row(prefix: str, cluster: dict[str, Any]) -> dict[str, Any]:
    endpoint = cluster.get("Endpoint") or {}
    return {
        "cluster_identifier": cluster["ClusterIdentifier"],
        "arn": prefix + cluster["ClusterIdentifier"],
        "cluster_status": cluster.get("ClusterStatus"),
        "node_type": cluster.get("NodeType"),
        "number_of_nodes": cluster.get("NumberOfNodes"),
        "cluster_version": cluster.get("ClusterVersion"),
        "cluster_create_time": cluster.get("ClusterCreateTime"),
        "master_username": cluster.get("MasterUsername"),
        "db_name": cluster.get("DBName"),
        "endpoint_address": endpoint.get("Address"),
        "endpoint_port": endpoint.get("Port"),
        "availability_zone": cluster.get("AvailabilityZone"),
        "publicly_accessible": cluster.get("PubliclyAccessible"),
        "encrypted": cluster.get("Encrypted"),
        "kms_key_id": cluster.get("KmsKeyId"),
        "enhanced_vpc_routing": cluster.get("EnhancedVpcRouting"),
        "automated_snapshot_retention_period": cluster.get("AutomatedSnapshotRetentionPeriod"),
        "allow_version_upgrade": cluster.get("AllowVersionUpgrade"),
        "vpc_security_group_ids": json_list(
            group["VpcSecurityGroupId"] for group in cluster.get("VpcSecurityGroups") or []
        ),
        "parameter_group_names": json_list(
            group["ParameterGroupName"] for group in cluster.get("ClusterParameterGroups") or []
        ),
    }


async def logging(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client,
        "describe_logging_status",
        None,
        GONE,
        ClusterIdentifier=item["cluster_identifier"],
    )
    if answer is None:
        return None
    enabled = bool(answer.get("LoggingEnabled"))
    return {
        "logging_enabled": enabled,
        # AWS keeps the last destination after logging is turned off: only say where it goes.
        "log_destination_type": (answer.get("LogDestinationType") or "s3") if enabled else None,
        "log_bucket_name": (answer.get("BucketName") or None) if enabled else None,
        "log_s3_key_prefix": (answer.get("S3KeyPrefix") or None) if enabled else None,
    }


clusters = declare(
    "redshift.clusters",
    where="regional",
    key=("arn",),
    doc="Every provisioned Redshift cluster, with public access, encryption at rest, enhanced "
    "VPC routing, automated snapshots, version upgrades, admin user name, port and audit "
    "logging.",
    list=ListStep(("redshift:DescribeClusters",), list_clusters),
    hydrates=(Hydrate("logging", ("redshift:DescribeLoggingStatus",), logging),),
    columns=(
        Column("cluster_identifier", "string", "The cluster's identifier (unique per region)."),
        Column("arn", "string", "arn:aws:redshift:REGION:ACCOUNT:cluster:CLUSTER_IDENTIFIER."),
        Column(
            "cluster_status",
            "string",
            "available, creating, modifying, paused, deleting, ...",
        ),
        Column("node_type", "string", "The node type (ra3.xlplus, dc2.large, ...)."),
        Column("number_of_nodes", "Int64", "Compute nodes in the cluster."),
        Column("cluster_version", "string", "The engine's major version (1.0)."),
        Column("cluster_create_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "master_username",
            "string",
            "The admin user's name, chosen at creation and never changed after (awsuser is "
            "the console's default).",
        ),
        Column("db_name", "string", "The first database's name (dev by default)."),
        Column("endpoint_address", "string", "The cluster endpoint's DNS name."),
        Column("endpoint_port", "Int64", "The port it listens on (5439 by default)."),
        Column("availability_zone", "string", "The Availability Zone it runs in."),
        Column(
            "publicly_accessible",
            "boolean",
            "Whether its endpoint resolves to a public IP address reachable from outside the VPC.",
        ),
        Column("encrypted", "boolean", "Whether its data is encrypted at rest."),
        Column(
            "kms_key_id",
            "string",
            "ARN of the KMS key that encrypts it; null when not encrypted with KMS.",
        ),
        Column(
            "enhanced_vpc_routing",
            "boolean",
            "Whether COPY and UNLOAD traffic is forced through the VPC.",
        ),
        Column(
            "automated_snapshot_retention_period",
            "Int64",
            "Days automated snapshots are kept (0: automated snapshots off; 1 by default).",
        ),
        Column(
            "allow_version_upgrade",
            "boolean",
            "Whether major version upgrades are applied in the maintenance window.",
        ),
        Column(
            "vpc_security_group_ids",
            "string",
            "JSON sorted list of the VPC security groups attached to it.",
        ),
        Column(
            "parameter_group_names",
            "string",
            "JSON sorted list of its cluster parameter groups.",
        ),
        Column(
            "logging_enabled",
            "boolean",
            "Whether audit logging (connection, user and user activity logs) is on "
            "(DescribeLoggingStatus).",
            "logging",
        ),
        Column(
            "log_destination_type",
            "string",
            "s3 or cloudwatch while audit logging is on; null while off.",
            "logging",
        ),
        Column(
            "log_bucket_name",
            "string",
            "The S3 bucket that receives the audit logs; null while off or when they go to "
            "CloudWatch Logs.",
            "logging",
        ),
        Column(
            "log_s3_key_prefix",
            "string",
            "The key prefix of the audit logs in that bucket; null without one.",
            "logging",
        ),
    ),
)
