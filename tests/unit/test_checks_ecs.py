"""ECS checks on small inventories built by hand: only each family's latest active revision is
judged, by all its containers; exactly which FAIL and PASS, why, and the FSBP controls."""

from __future__ import annotations

import json

import pytest
from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
PID = "ecs_task_definition_host_pid_mode"
PRIVILEGED = "ecs_task_definition_privileged_container"
WRITABLE = "ecs_task_definition_root_filesystem_writable"
SECRETS = "ecs_task_definition_secrets_in_environment"
LOGGING = "ecs_task_definition_logging_missing"
INSIGHTS = "ecs_cluster_container_insights_disabled"
TASK_CHECKS = (PID, PRIVILEGED, WRITABLE, SECRETS, LOGGING)

SAFE = {
    "name": "app",
    "privileged": False,
    "readonly_root_filesystem": True,
    "user": "1000",
    "environment_names": ["TABLE"],
    "secret_names": ["DB_PASSWORD"],
    "log_driver": "awslogs",
}


def task(family: str, revision: int, *containers: dict, latest: bool = True, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "family": family,
        "revision": revision,
        "arn": f"arn:aws:ecs:{EAST}:{A}:task-definition/{family}:{revision}",
        "latest_active": latest,
        "containers": json.dumps(list(containers)),
        **fields,
    }


def tasks(*rows: dict) -> Inventory:
    return Inventory({"ecs.task_definitions": TABLES["ecs.task_definitions"].frame(rows)})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    expected = {
        PID: "ECS.3",
        PRIVILEGED: "ECS.4",
        WRITABLE: "ECS.5",
        SECRETS: "ECS.8",
        LOGGING: "ECS.9",
        INSIGHTS: "ECS.12",
    }
    for check, control in expected.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
        assert CHECKS[check].remediation_cli.startswith("aws ecs ")
        assert "{resource_id}" in CHECKS[check].remediation_cli


@pytest.mark.parametrize("check", TASK_CHECKS)
def test_only_the_latest_active_revision_is_judged_and_a_safe_one_passes(check: str) -> None:
    bad = dict(SAFE, privileged=True, readonly_root_filesystem=False, log_driver=None)
    bad["environment_names"] = ["AWS_SECRET_ACCESS_KEY"]
    inv = tasks(
        task("web", 1, bad, latest=False, pid_mode="host"),
        task("web", 2, SAFE, network_mode="awsvpc"),
    )
    result = results(inv, check)
    assert list(result) == ["web:2"]
    assert result["web:2"][0] == "PASS"


def test_host_pid_mode_fails() -> None:
    inv = tasks(task("agent", 3, SAFE, pid_mode="host"), task("app", 1, SAFE, pid_mode="task"))
    result = results(inv, PID)
    assert result["agent:3"] == (
        "FAIL",
        "pidMode host: the containers share the host's process namespace",
    )
    assert result["app:1"] == ("PASS", "pidMode task")


def test_one_privileged_container_fails_the_task_definition() -> None:
    sidecar = dict(SAFE, name="sidecar", privileged=True)
    inv = tasks(task("mixed", 1, SAFE, sidecar), task("unset", 1, dict(SAFE, privileged=None)))
    result = results(inv, PRIVILEGED)
    assert result["mixed:1"] == ("FAIL", "privileged containers: sidecar")
    assert result["unset:1"][0] == "PASS"


def test_root_filesystem_must_be_read_only_in_every_container() -> None:
    inv = tasks(
        task("unset", 1, dict(SAFE, readonly_root_filesystem=None)),
        task("false", 1, dict(SAFE, readonly_root_filesystem=False)),
        task("locked", 1, SAFE),
    )
    result = results(inv, WRITABLE)
    assert {k: v[0] for k, v in result.items()} == {
        "unset:1": "FAIL",
        "false:1": "FAIL",
        "locked:1": "PASS",
    }
    assert result["unset:1"][1].endswith(": app")


def test_only_the_three_credential_names_fail() -> None:
    leaky = dict(SAFE, environment_names=["AWS_ACCESS_KEY_ID", "ECS_ENGINE_AUTH_DATA", "X"])
    named = dict(SAFE, environment_names=["AWS_SESSION_TOKEN", "DB_PASSWORD"])
    inv = tasks(task("leaky", 1, leaky), task("named", 1, named))
    result = results(inv, SECRETS)
    assert result["leaky:1"] == (
        "FAIL",
        "credentials in plain environment variables: app.AWS_ACCESS_KEY_ID, "
        "app.ECS_ENGINE_AUTH_DATA",
    )
    assert result["named:1"][0] == "PASS"


def test_every_container_needs_a_log_driver() -> None:
    quiet = dict(SAFE, name="sidecar", log_driver=None)
    inv = tasks(task("half", 1, SAFE, quiet), task("logged", 1, SAFE))
    result = results(inv, LOGGING)
    assert result["half:1"] == ("FAIL", "no log configuration: sidecar")
    assert result["logged:1"] == ("PASS", "every container has a log driver")


def test_container_insights_enabled_or_enhanced_passes() -> None:
    rows = [
        {
            "account_id": A,
            "region": EAST,
            "cluster_name": name,
            "arn": f"arn:aws:ecs:{EAST}:{A}:cluster/{name}",
            "container_insights": setting,
        }
        for name, setting in (
            ("on", "enabled"),
            ("enhanced", "enhanced"),
            ("off", "disabled"),
            ("unknown", None),
        )
    ]
    inv = Inventory({"ecs.clusters": TABLES["ecs.clusters"].frame(rows)})
    result = results(inv, INSIGHTS)
    assert {k: v[0] for k, v in result.items()} == {
        "on": "PASS",
        "enhanced": "PASS",
        "off": "FAIL",
        "unknown": "FAIL",
    }
    assert result["off"][1] == "Container Insights disabled"
    assert result["unknown"][1] == "Container Insights setting not reported"


def test_no_task_definitions_no_findings() -> None:
    inv = Inventory({"ecs.task_definitions": TABLES["ecs.task_definitions"].empty()})
    for check in TASK_CHECKS:
        assert toolkit.run_checks(inv, checks=check).empty
