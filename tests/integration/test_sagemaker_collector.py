"""The SageMaker tables hold exactly what plain boto3 sees in the sandbox, and what was seeded
(a model's network isolation and a notebook instance's default root access are the sandbox's
answers where moto drops them); SageMaker.1-5's checks FAIL exactly the planted resources."""

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

NOTEBOOKS = "sagemaker.notebook_instances"
MODELS = "sagemaker.models"
CONFIGS = "sagemaker.endpoint_configs"
CHECKS = (
    "sagemaker_notebook_direct_internet_access",
    "sagemaker_notebook_not_in_vpc",
    "sagemaker_notebook_root_access",
    "sagemaker_endpoint_config_single_instance",
    "sagemaker_model_network_isolation_disabled",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="sagemaker", progress=False)


@pytest.fixture(scope="module")
def census(sandbox: Sandbox) -> dict[str, dict[tuple[str, str], list[dict]]]:
    """Every notebook instance, model and endpoint configuration, described by plain boto3."""
    found: dict[str, dict[tuple[str, str], list[dict]]] = {NOTEBOOKS: {}, MODELS: {}, CONFIGS: {}}
    for where, sm in census_clients(sandbox, "sagemaker").items():
        found[NOTEBOOKS][where] = [
            sm.describe_notebook_instance(NotebookInstanceName=n["NotebookInstanceName"])
            for n in sm.list_notebook_instances()["NotebookInstances"]
        ]
        found[MODELS][where] = [
            sm.describe_model(ModelName=m["ModelName"]) for m in sm.list_models()["Models"]
        ]
        found[CONFIGS][where] = [
            sm.describe_endpoint_config(EndpointConfigName=c["EndpointConfigName"])
            for c in sm.list_endpoint_configs()["EndpointConfigs"]
        ]
    return found


@pytest.mark.parametrize("table", [NOTEBOOKS, MODELS, CONFIGS])
def test_no_errors_and_clean_tables(inventory: Inventory, table: str) -> None:
    one = Inventory({table: inventory[table]}, errors=inventory.errors)
    assert_one_clean_table(one, table, ["arn"])


def _rows(inventory: Inventory, table: str, where: tuple[str, str]) -> pd.DataFrame:
    frame = inventory[table]
    return frame[(frame["account_id"] == where[0]) & (frame["region"] == where[1])]


def test_notebook_instances_match_boto3(inventory: Inventory, census) -> None:
    for where, described in census[NOTEBOOKS].items():
        rows = _rows(inventory, NOTEBOOKS, where).set_index("arn")
        assert sorted(rows.index) == sorted(d["NotebookInstanceArn"] for d in described)
        for d in described:
            row = rows.loc[d["NotebookInstanceArn"]]
            assert row["name"] == d["NotebookInstanceName"]
            assert row["status"] == d["NotebookInstanceStatus"]
            assert row["instance_type"] == d["InstanceType"]
            assert row["creation_time"] == pd.Timestamp(d["CreationTime"]).tz_convert("UTC")
            assert cell(row["subnet_id"]) == d.get("SubnetId")
            assert json.loads(row["security_groups"]) == sorted(d.get("SecurityGroups", []))
            assert bool(row["direct_internet_access"]) == (d["DirectInternetAccess"] == "Enabled")
            assert bool(row["root_access"]) == (d["RootAccess"] == "Enabled")
            assert cell(row["kms_key_id"]) == d.get("KmsKeyId")
            assert row["role_arn"] == d["RoleArn"]
            assert row["volume_size_gb"] == d["VolumeSizeInGB"]


def test_models_match_boto3(inventory: Inventory, census) -> None:
    for where, described in census[MODELS].items():
        rows = _rows(inventory, MODELS, where).set_index("arn")
        assert sorted(rows.index) == sorted(d["ModelArn"] for d in described)
        for d in described:
            row = rows.loc[d["ModelArn"]]
            assert row["name"] == d["ModelName"]
            assert bool(row["network_isolation"]) == d["EnableNetworkIsolation"]
            assert row["execution_role_arn"] == d["ExecutionRoleArn"]
            assert row["primary_image"] == d["PrimaryContainer"]["Image"]
            assert row["container_count"] == 1
            subnets = (d.get("VpcConfig") or {}).get("Subnets", [])
            assert json.loads(row["vpc_subnet_ids"]) == sorted(subnets)


def test_endpoint_configs_match_boto3(inventory: Inventory, census) -> None:
    for where, described in census[CONFIGS].items():
        rows = _rows(inventory, CONFIGS, where).set_index("arn")
        assert sorted(rows.index) == sorted(d["EndpointConfigArn"] for d in described)
        for d in described:
            row = rows.loc[d["EndpointConfigArn"]]
            variants = d["ProductionVariants"]
            counts = {v["VariantName"]: v["InitialInstanceCount"] for v in variants}
            assert row["name"] == d["EndpointConfigName"]
            assert row["variant_count"] == len(variants)
            assert json.loads(row["initial_instance_counts"]) == counts
            assert row["min_initial_instance_count"] == min(counts.values())
            assert cell(row["kms_key_id"]) == d.get("KmsKeyId")


def test_seeded_resources_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    truth = sandbox.truth
    notebooks = inventory[NOTEBOOKS].set_index("arn")
    assert sorted(notebooks.index) == sorted(n["arn"] for n in truth.sagemaker_notebook_instances)
    for seeded in truth.sagemaker_notebook_instances:
        row = notebooks.loc[seeded["arn"]]
        assert (row["account_id"], row["region"]) == (seeded["account_id"], seeded["region"])
        assert cell(row["subnet_id"]) == seeded["subnet_id"]
        assert json.loads(row["security_groups"]) == seeded["security_groups"]
        assert bool(row["direct_internet_access"]) == seeded["direct_internet_access"]
        assert bool(row["root_access"]) == seeded["root_access"]
        assert cell(row["kms_key_id"]) == seeded["kms_key_id"]
    models = inventory[MODELS].set_index("arn")
    assert sorted(models.index) == sorted(m["arn"] for m in truth.sagemaker_models)
    for seeded in truth.sagemaker_models:
        row = models.loc[seeded["arn"]]
        assert bool(row["network_isolation"]) == seeded["network_isolation"]
        assert row["primary_image"] == seeded["image"]
        assert json.loads(row["vpc_subnet_ids"]) == seeded["vpc_subnet_ids"]
    configs = inventory[CONFIGS].set_index("arn")
    assert sorted(configs.index) == sorted(c["arn"] for c in truth.sagemaker_endpoint_configs)
    for seeded in truth.sagemaker_endpoint_configs:
        row = configs.loc[seeded["arn"]]
        assert row["min_initial_instance_count"] == seeded["instance_count"]
        assert cell(row["kms_key_id"]) == seeded["kms_key_id"]
    # both values of every judged setting are in the estate, the defaults among them
    assert {n["root_access"] for n in truth.sagemaker_notebook_instances} == {True, False}
    assert {m["network_isolation"] for m in truth.sagemaker_models} == {True, False}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for operation in ("ListNotebookInstances", "ListModels", "ListEndpointConfigs"):
        assert calls[f"sagemaker.{operation}"] == units
    assert calls["sagemaker.DescribeNotebookInstance"] == len(inventory[NOTEBOOKS])
    assert calls["sagemaker.DescribeModel"] == len(inventory[MODELS])
    assert calls["sagemaker.DescribeEndpointConfig"] == len(inventory[CONFIGS])


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
