"""The ECS tables hold exactly what plain boto3 sees in the sandbox, and what was seeded; the
checks FAIL exactly the planted clusters and task definitions (latest revisions only)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, cell

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

CLUSTERS = "ecs.clusters"
TASKS = "ecs.task_definitions"
CHECKS = (
    "ecs_cluster_container_insights_disabled",
    "ecs_task_definition_host_pid_mode",
    "ecs_task_definition_privileged_container",
    "ecs_task_definition_root_filesystem_writable",
    "ecs_task_definition_secrets_in_environment",
    "ecs_task_definition_logging_missing",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="ecs", progress=False)


def _here(frame: pd.DataFrame, account_id: str, region: str) -> pd.DataFrame:
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def test_no_errors_and_two_clean_tables(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert sorted(inventory.tables) == [CLUSTERS, TASKS]
    for table in (CLUSTERS, TASKS):
        frame = inventory[table]
        assert list(frame.columns) == [c.name for c in REGISTRY[table].columns]
        assert not frame.duplicated(["arn"]).any()


def test_tables_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    clusters, tasks = inventory[CLUSTERS], inventory[TASKS]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            ecs = sandbox.client(session, "ecs", region)
            arns = ecs.list_clusters()["clusterArns"]
            rows = _here(clusters, account_id, region).set_index("arn")
            assert sorted(rows.index) == sorted(arns)
            if arns:
                described = ecs.describe_clusters(clusters=arns, include=["SETTINGS"])
                for cluster in described["clusters"]:
                    row = rows.loc[cluster["clusterArn"]]
                    settings = {s["name"]: s["value"] for s in cluster["settings"]}
                    assert row["cluster_name"] == cluster["clusterName"]
                    assert row["status"] == cluster["status"]
                    assert cell(row["container_insights"]) == settings.get("containerInsights")
                    assert row["running_tasks_count"] == cluster["runningTasksCount"]
                    assert row["active_services_count"] == cluster["activeServicesCount"]
                    assert (
                        row["registered_container_instances_count"]
                        == cluster["registeredContainerInstancesCount"]
                    )
            arns = ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]
            rows = _here(tasks, account_id, region).set_index("arn")
            assert sorted(rows.index) == sorted(arns)
            for arn in arns:
                task = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
                row = rows.loc[arn]
                assert (row["family"], row["revision"]) == (task["family"], task["revision"])
                assert row["status"] == task["status"]
                assert row["network_mode"] == task["networkMode"]
                assert cell(row["pid_mode"]) == task.get("pidMode")
                assert json.loads(row["requires_compatibilities"]) == sorted(
                    task.get("requiresCompatibilities") or []
                )
                containers = json.loads(row["containers"])
                assert row["container_count"] == len(task["containerDefinitions"])
                by_name = {c["name"]: c for c in containers}
                for definition in task["containerDefinitions"]:
                    found = by_name[definition["name"]]
                    assert found["privileged"] == definition.get("privileged")
                    assert found["readonly_root_filesystem"] == definition.get(
                        "readonlyRootFilesystem"
                    )
                    assert found["user"] == definition.get("user")
                    assert found["environment_names"] == sorted(
                        e["name"] for e in definition.get("environment") or []
                    )
                    log = definition.get("logConfiguration") or {}
                    assert found["log_driver"] == log.get("logDriver")


def test_environment_values_never_reach_the_inventory(inventory: Inventory) -> None:
    assert "placeholder" not in inventory[TASKS]["containers"].str.cat()


def test_seeded_rows_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    clusters = inventory[CLUSTERS].set_index("arn")
    seeded = sandbox.truth.ecs_clusters
    assert sorted(clusters.index) == sorted(c["arn"] for c in seeded)
    for c in seeded:
        row = clusters.loc[c["arn"]]
        assert (row["account_id"], row["region"]) == (c["account_id"], c["region"])
        assert (row["cluster_name"], row["container_insights"]) == (
            c["name"],
            c["container_insights"],
        )
    tasks = inventory[TASKS].set_index("arn")
    seeded = sandbox.truth.ecs_task_definitions
    assert sorted(tasks.index) == sorted(t["arn"] for t in seeded)
    for t in seeded:
        row = tasks.loc[t["arn"]]
        assert (row["account_id"], row["region"]) == (t["account_id"], t["region"])
        assert (row["family"], row["revision"]) == (t["family"], t["revision"])
        assert bool(row["latest_active"]) == t["latest"]
        assert row["network_mode"] == t["network_mode"]
        assert cell(row["pid_mode"]) == t["pid_mode"]
        names = [c["name"] for c in json.loads(row["containers"])]
        assert names == sorted(c["name"] for c in t["containers"])
    assert {t["latest"] for t in seeded} == {True, False}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["ecs.ListClusters"] == units
    regions_with_clusters = len(
        {(c["account_id"], c["region"]) for c in sandbox.truth.ecs_clusters}
    )
    assert calls["ecs.DescribeClusters"] == regions_with_clusters
    assert calls["ecs.ListTaskDefinitions"] == units
    assert calls["ecs.DescribeTaskDefinition"] == len(inventory[TASKS])


def test_asking_for_list_columns_skips_describe(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(), tables=[TASKS], columns={TASKS: ["latest_active"]}, progress=False
    )
    assert len(inv[TASKS]) == len(sandbox.truth.ecs_task_definitions)
    assert "ecs.DescribeTaskDefinition" not in inv.meta["api_calls"]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
