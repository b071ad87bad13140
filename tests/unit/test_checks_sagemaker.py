"""The SageMaker checks on small inventories built by hand: exactly which notebook instances,
models and endpoint configurations FAIL and PASS, why, and the FSBP controls they answer."""

from __future__ import annotations

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
NOT_READ = "settings not read (its Describe call not collected)"


def row(kind: str, name: str, **fields) -> dict:
    arn = f"arn:aws:sagemaker:{EAST}:{A}:{kind}/{name}"
    return {"account_id": A, "region": EAST, "name": name, "arn": arn, **fields}


def notebooks(*rows: dict) -> Inventory:
    table = "sagemaker.notebook_instances"
    return Inventory({table: TABLES[table].frame([row("notebook-instance", **r) for r in rows])})


@pytest.mark.parametrize(
    ("check", "control"),
    [
        ("sagemaker_notebook_direct_internet_access", "SageMaker.1"),
        ("sagemaker_notebook_not_in_vpc", "SageMaker.2"),
        ("sagemaker_notebook_root_access", "SageMaker.3"),
        ("sagemaker_endpoint_config_single_instance", "SageMaker.4"),
        ("sagemaker_model_network_isolation_disabled", "SageMaker.5"),
    ],
)
def test_each_check_answers_its_fsbp_control(check: str, control: str) -> None:
    load_builtin()
    assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
    assert CHECKS[check].remediation_cli.startswith("aws sagemaker ")
    assert "{resource_id}" in CHECKS[check].remediation_cli


def test_direct_internet_access_fails_enabled_in_a_vpc_or_not() -> None:
    inv = notebooks(
        {"name": "open", "direct_internet_access": True, "security_groups": "[]"},
        {"name": "vpc-open", "direct_internet_access": True, "subnet_id": "subnet-1"},
        {"name": "closed", "direct_internet_access": False},
        {"name": "unread"},
    )
    assert results(inv, "sagemaker_notebook_direct_internet_access") == {
        "open": ("FAIL", "direct internet access Enabled (through SageMaker's VPC)"),
        "vpc-open": ("FAIL", "direct internet access Enabled (through SageMaker's VPC)"),
        "closed": ("PASS", "direct internet access Disabled"),
        "unread": ("PASS", NOT_READ),
    }


def test_not_in_vpc_fails_a_notebook_without_a_subnet() -> None:
    inv = notebooks(
        {"name": "outside", "security_groups": "[]"},
        {"name": "inside", "subnet_id": "subnet-1", "security_groups": '["sg-1"]'},
        {"name": "unread"},
    )
    assert results(inv, "sagemaker_notebook_not_in_vpc") == {
        "outside": ("FAIL", "no subnet of the account's VPC: runs in SageMaker's own VPC"),
        "inside": ("PASS", "in subnet subnet-1"),
        "unread": ("PASS", NOT_READ),
    }


def test_root_access_fails_enabled_only() -> None:
    inv = notebooks(
        {"name": "root", "root_access": True},
        {"name": "no-root", "root_access": False},
        {"name": "unread"},
    )
    assert results(inv, "sagemaker_notebook_root_access") == {
        "root": ("FAIL", "root access Enabled"),
        "no-root": ("PASS", "root access Disabled"),
        "unread": ("PASS", NOT_READ),
    }


def test_single_instance_fails_any_variant_with_one_initial_instance() -> None:
    table = "sagemaker.endpoint_configs"
    rows = [
        row("endpoint-config", "one", initial_instance_counts='{"primary": 1}'),
        row("endpoint-config", "mixed", initial_instance_counts='{"a": 3, "b": 1}'),
        row("endpoint-config", "two", initial_instance_counts='{"primary": 2}'),
        row("endpoint-config", "serverless", initial_instance_counts="{}"),
        row("endpoint-config", "unread"),
    ]
    inv = Inventory({table: TABLES[table].frame(rows)})
    assert results(inv, "sagemaker_endpoint_config_single_instance") == {
        "one": ("FAIL", 'variant(s) primary start with 1 instance ({"primary": 1})'),
        "mixed": ("FAIL", 'variant(s) b start with 1 instance ({"a": 3, "b": 1})'),
        "two": ("PASS", 'initial instance counts {"primary": 2}'),
        "serverless": ("PASS", "serverless variants only: no instance count"),
        "unread": ("PASS", NOT_READ),
    }


def test_network_isolation_fails_a_model_without_it() -> None:
    table = "sagemaker.models"
    rows = [
        row("model", "open", network_isolation=False),
        row("model", "isolated", network_isolation=True),
        row("model", "unread"),
    ]
    inv = Inventory({table: TABLES[table].frame(rows)})
    assert results(inv, "sagemaker_model_network_isolation_disabled") == {
        "open": ("FAIL", "network isolation disabled"),
        "isolated": ("PASS", "network isolation enabled"),
        "unread": ("PASS", NOT_READ),
    }
