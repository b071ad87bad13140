"""``eks.clusters``: every EKS cluster, with its Kubernetes version, endpoint access, control
plane logging and secrets encryption.

ListClusters answers names only: the ARN is built from the name (it is what DescribeCluster
answers), and everything else comes from one per-cluster hydrate, DescribeCluster, so that
``collect(columns=...)`` skips it when only names are asked for. Lists are JSON strings of
sorted lists.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import partition

SERVICE = "eks"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A cluster deleted between the list and its description is gone: no row.
GONE = ("ResourceNotFoundException",)


async def list_clusters(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    names = await ctx.aws.items(client, "list_clusters", "clusters", **PAGE)
    prefix = f"arn:{partition(ctx.region)}:eks:{ctx.region}:{ctx.account_id}:cluster/"
    return [{"cluster_name": name, "arn": prefix + name} for name in names]


def enabled_log_types(cluster: dict[str, Any]) -> list[str]:
    """The control plane log types turned on: AWS answers enabled and disabled groups."""
    groups = (cluster.get("logging") or {}).get("clusterLogging") or []
    return sorted({kind for group in groups if group.get("enabled") for kind in group["types"]})


def secrets_key(cluster: dict[str, Any]) -> str | None:
    """The KMS key that envelope-encrypts Kubernetes secrets; None when nothing does."""
    for config in cluster.get("encryptionConfig") or []:
        if "secrets" in (config.get("resources") or []):
            return (config.get("provider") or {}).get("keyArn") or ""
    return None


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_cluster", None, GONE, name=item["cluster_name"]
    )
    if answer is None:
        return None
    cluster = answer["cluster"]
    vpc = cluster.get("resourcesVpcConfig") or {}
    key = secrets_key(cluster)
    public = vpc.get("endpointPublicAccess")
    private = vpc.get("endpointPrivateAccess")
    return {
        "status": cluster.get("status"),
        "version": cluster.get("version"),
        "platform_version": cluster.get("platformVersion"),
        "created_at": cluster.get("createdAt"),
        "role_arn": cluster.get("roleArn"),
        "subnet_ids": json.dumps(sorted(vpc.get("subnetIds") or [])),
        "endpoint_public_access": None if public is None else bool(public),
        "endpoint_private_access": None if private is None else bool(private),
        "public_access_cidrs": json.dumps(sorted(vpc.get("publicAccessCidrs") or [])),
        "enabled_log_types": json.dumps(enabled_log_types(cluster)),
        "secrets_encrypted": key is not None,
        "secrets_kms_key_arn": key or None,
    }


clusters = declare(
    "eks.clusters",
    where="regional",
    key=("arn",),
    doc="Every EKS cluster, with its Kubernetes version, endpoint access, control plane logging "
    "and secrets encryption.",
    list=ListStep(("eks:ListClusters",), list_clusters),
    hydrates=(Hydrate("describe", ("eks:DescribeCluster",), describe),),
    columns=(
        Column("cluster_name", "string", "The cluster's name."),
        Column("arn", "string", "arn:aws:eks:REGION:ACCOUNT:cluster/CLUSTER_NAME."),
        Column(
            "status",
            "string",
            "CREATING, ACTIVE, DELETING, FAILED, UPDATING or PENDING.",
            "describe",
        ),
        Column("version", "string", "The Kubernetes minor version, e.g. 1.31.", "describe"),
        Column("platform_version", "string", "The EKS platform version, e.g. eks.4.", "describe"),
        Column("created_at", "datetime64[ns, UTC]", "When it was created.", "describe"),
        Column(
            "role_arn",
            "string",
            "The IAM role the control plane uses to manage AWS resources.",
            "describe",
        ),
        Column(
            "subnet_ids",
            "string",
            "The subnets of the control plane's network interfaces (JSON list, sorted).",
            "describe",
        ),
        Column(
            "endpoint_public_access",
            "boolean",
            "Whether the Kubernetes API server endpoint is reachable from the internet.",
            "describe",
        ),
        Column(
            "endpoint_private_access",
            "boolean",
            "Whether the endpoint is reachable from inside the cluster's VPC.",
            "describe",
        ),
        Column(
            "public_access_cidrs",
            "string",
            "The CIDR blocks allowed to the public endpoint (JSON list, sorted; AWS keeps the "
            "list, 0.0.0.0/0 by default, even while public access is off).",
            "describe",
        ),
        Column(
            "enabled_log_types",
            "string",
            "Control plane log types sent to CloudWatch Logs: api, audit, authenticator, "
            "controllerManager, scheduler (JSON list, sorted; [] when none).",
            "describe",
        ),
        Column(
            "secrets_encrypted",
            "boolean",
            "Whether Kubernetes secrets are envelope-encrypted with a KMS key.",
            "describe",
        ),
        Column(
            "secrets_kms_key_arn",
            "string",
            "ARN of the KMS key that encrypts the secrets; null without one.",
            "describe",
        ),
    ),
)
