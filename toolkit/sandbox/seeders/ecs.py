"""Amazon ECS: clusters with or without Container Insights, and task definitions whose
containers are privileged or not, with a read-only root file system or not, a user, plain
environment variables (names from the estate, placeholder values) and a log driver or none.

A task definition may list several revisions: each is registered in turn, so that only the last
is the family's latest active revision (the one FSBP's ECS controls judge).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ECS_CLUSTER = {
    "name": str,
    "region": str,
    #: The containerInsights setting: enabled, enhanced or disabled (AWS's default).
    "container_insights": str,
    "planted": PLANTED,
}
ECS_CONTAINER = {
    "name": str,
    "privileged": bool,
    "read_only_root": bool,
    "user": str,
    #: Names of plain environment variables (the seeder gives them placeholder values).
    "environment": [str],
    #: awslogs (to a log group named after the family) or none when not given.
    "log_driver": str,
}
ECS_TASK_DEFINITION = {
    "family": str,
    "region": str,
    #: bridge (the default here), host, awsvpc or none.
    "network_mode": str,
    "pid_mode": str,
    "fargate": bool,
    #: Earlier revisions, registered first, each a list of containers.
    "earlier_revisions": [[ECS_CONTAINER]],
    "containers": [ECS_CONTAINER],
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"ecs_clusters": [ECS_CLUSTER], "ecs_task_definitions": [ECS_TASK_DEFINITION]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"ecs_clusters": "arn", "ecs_task_definitions": "arn"}


@dataclass
class EcsTruth:
    ecs_clusters: list[dict[str, Any]] = field(default_factory=list)
    #: One row per revision registered, ``latest`` true for the family's last.
    ecs_task_definitions: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's clusters, then its task definitions, revision by revision."""
    for cluster in spec.get("ecs_clusters", []):
        region = cluster.get("region", seeder.regions[0])
        ecs = seeder.client(session, "ecs", region)
        insights = cluster.get("container_insights", "disabled")
        made = ecs.create_cluster(
            clusterName=cluster["name"],
            settings=[{"name": "containerInsights", "value": insights}],
        )["cluster"]
        seeder.truth.ecs_clusters.append(
            {
                "account_id": account_id,
                "region": region,
                "name": cluster["name"],
                "arn": made["clusterArn"],
                "container_insights": insights,
            }
        )
        seeder.plant(cluster.get("planted"), account_id, region, cluster["name"], "ecs_cluster")
    for task in spec.get("ecs_task_definitions", []):
        region = task.get("region", seeder.regions[0])
        ecs = seeder.client(session, "ecs", region)
        revisions = [*task.get("earlier_revisions", []), task["containers"]]
        for number, containers in enumerate(revisions, start=1):
            latest = number == len(revisions)
            options: dict[str, Any] = {"networkMode": task.get("network_mode", "bridge")}
            if task.get("pid_mode"):
                options["pidMode"] = task["pid_mode"]
            if task.get("fargate"):
                options.update(requiresCompatibilities=["FARGATE"], cpu="256", memory="512")
            made = ecs.register_task_definition(
                family=task["family"],
                containerDefinitions=[_container(task["family"], c) for c in containers],
                **options,
            )["taskDefinition"]
            seeder.truth.ecs_task_definitions.append(
                {
                    "account_id": account_id,
                    "region": region,
                    "family": task["family"],
                    "revision": made["revision"],
                    "arn": made["taskDefinitionArn"],
                    "latest": latest,
                    "network_mode": options["networkMode"],
                    "pid_mode": task.get("pid_mode"),
                    "containers": containers,
                }
            )
        resource_id = f"{task['family']}:{made['revision']}"
        seeder.plant(task.get("planted"), account_id, region, resource_id, "ecs_task_definition")


def _container(family: str, spec: dict[str, Any]) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "name": spec["name"],
        "image": f"public.ecr.aws/docker/library/{spec['name']}:latest",
        "memory": 128,
        "essential": True,
        "environment": [
            {"name": name, "value": "placeholder"} for name in spec.get("environment", [])
        ],
    }
    for key, setting in (
        ("privileged", "privileged"),
        ("read_only_root", "readonlyRootFilesystem"),
        ("user", "user"),
    ):
        if key in spec:
            definition[setting] = spec[key]
    if spec.get("log_driver"):
        definition["logConfiguration"] = {
            "logDriver": spec["log_driver"],
            "options": {"awslogs-group": f"/ecs/{family}", "awslogs-stream-prefix": spec["name"]},
        }
    return definition
