"""``ecs.clusters``: every ECS cluster, with its Container Insights setting and what runs in it.

DescribeClusters takes 100 clusters a call, so the list step describes them as it lists them
(one call per 100 clusters, not one per cluster).
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "ecs"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: DescribeClusters takes at most 100 clusters a call.
BATCH = 100


async def list_clusters(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    arns = await ctx.aws.items(client, "list_clusters", "clusterArns", **PAGE)
    rows = []
    for start in range(0, len(arns), BATCH):
        answer = await ctx.aws.call(
            client, "describe_clusters", clusters=arns[start : start + BATCH], include=["SETTINGS"]
        )
        for cluster in answer.get("clusters") or []:
            settings = {s.get("name"): s.get("value") for s in cluster.get("settings") or []}
            rows.append(
                {
                    "cluster_name": cluster["clusterName"],
                    "arn": cluster["clusterArn"],
                    "status": cluster.get("status"),
                    "container_insights": settings.get("containerInsights"),
                    "registered_container_instances_count": cluster.get(
                        "registeredContainerInstancesCount"
                    ),
                    "running_tasks_count": cluster.get("runningTasksCount"),
                    "active_services_count": cluster.get("activeServicesCount"),
                }
            )
    return rows


clusters = declare(
    "ecs.clusters",
    where="regional",
    key=("arn",),
    doc="Every ECS cluster, with its Container Insights setting and what runs in it.",
    list=ListStep(("ecs:ListClusters", "ecs:DescribeClusters"), list_clusters),
    columns=(
        Column("cluster_name", "string", "The cluster's name."),
        Column("arn", "string", "arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER_NAME."),
        Column("status", "string", "ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE."),
        Column(
            "container_insights",
            "string",
            "The containerInsights setting: enabled, enhanced (with observability) or disabled; "
            "null when the cluster does not say (the account default applies).",
        ),
        Column(
            "registered_container_instances_count",
            "Int64",
            "EC2 container instances registered to it.",
        ),
        Column("running_tasks_count", "Int64", "Tasks running in it."),
        Column("active_services_count", "Int64", "Services active in it."),
    ),
)
