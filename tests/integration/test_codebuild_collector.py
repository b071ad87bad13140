"""The CodeBuild table holds exactly what plain boto3 sees in the sandbox, and what was seeded,
without its secrets (source URLs' user info and environment variable values); CodeBuild.1-4's
checks FAIL exactly the planted projects."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import (
    assert_fails_exactly_the_planted,
    assert_one_clean_table,
    cell,
    census_clients,
)

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "codebuild.projects"
CHECKS = (
    "codebuild_project_source_url_credentials",
    "codebuild_project_plaintext_aws_credentials",
    "codebuild_project_s3_logs_unencrypted",
    "codebuild_project_logging_disabled",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="codebuild", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_projects_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for (account_id, region), codebuild in census_clients(sandbox, "codebuild").items():
        names = codebuild.list_projects()["projects"]
        listed = codebuild.batch_get_projects(names=names)["projects"] if names else []
        here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
        assert sorted(here["name"]) == sorted(names)
        rows = here.set_index("arn")
        for project in listed:
            row = rows.loc[project["arn"]]
            logs = project["logsConfig"]
            assert row["source_type"] == project["source"]["type"]
            assert row["image"] == project["environment"]["image"]
            assert row["environment_type"] == project["environment"]["type"]
            assert row["service_role"] == project["serviceRole"]
            assert row["encryption_key"] == project["encryptionKey"]
            assert row["created"] == pd.Timestamp(project["created"]).tz_convert("UTC")
            assert row["cloudwatch_logs_status"] == logs["cloudWatchLogs"]["status"]
            assert row["s3_logs_status"] == logs["s3Logs"]["status"]
            assert cell(row["s3_logs_location"]) == logs["s3Logs"].get("location")
            variables = project["environment"].get("environmentVariables", [])
            assert json.loads(row["environment_variables"]) == sorted(
                ({"name": v["name"], "type": v["type"]} for v in variables),
                key=lambda v: v["name"],
            )
            sources = [project["source"], *project.get("secondarySources", [])]
            assert len(json.loads(row["sources"])) == len(sources)


def test_seeded_projects_match_truth_without_their_secrets(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.codebuild_projects
    assert sorted(table.index) == sorted(p["arn"] for p in seeded)
    for project in seeded:
        row = table.loc[project["arn"]]
        assert (row["account_id"], row["region"]) == (project["account_id"], project["region"])
        sources = {s["identifier"]: s for s in json.loads(row["sources"])}
        seeded_sources = [project["source"], *project["secondary_sources"]]
        for identifier, source in zip(
            ["primary", *(f"source{i}" for i in range(1, len(seeded_sources)))],
            seeded_sources,
            strict=True,
        ):
            found = sources[identifier]
            assert found["type"] == source["type"]
            secret = ":" in source["location"].split("@")[0].split("//", 1)[1]
            assert found["credentials_in_url"] == secret
            if "@" in source["location"]:
                host = source["location"].split("@", 1)[1]
                assert found["location"] == "https://***@" + host
        variables = json.loads(row["environment_variables"])
        assert sorted((v["name"], v["type"]) for v in variables) == [
            tuple(v) for v in project["environment_variables"]
        ]
        assert (row["cloudwatch_logs_status"] == "ENABLED") == project["cloudwatch_logs"]
        assert cell(row["s3_logs_location"]) == project["s3_logs"]
        if project["s3_logs"]:
            assert bool(row["s3_logs_encryption_disabled"]) != project["s3_logs_encrypted"]
    text = inventory[TABLE].to_csv()
    assert "not-a-real-password" not in text and "not-a-real-token" not in text
    assert "value-of-" not in text


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["codebuild.ListProjects"] == units
    regions_with_projects = inventory[TABLE][["account_id", "region"]].drop_duplicates()
    assert calls["codebuild.BatchGetProjects"] == len(regions_with_projects)


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
