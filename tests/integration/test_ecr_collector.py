"""The ECR table holds exactly what plain boto3 sees in the sandbox, and what was seeded; its
checks FAIL exactly the planted repositories."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "ecr.repositories"
CHECKS = (
    "ecr_repository_image_scanning_disabled",
    "ecr_repository_tags_mutable",
    "ecr_repository_lifecycle_policy_missing",
    "ecr_repository_policy_public",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="ecr", progress=False)


def _policy_text(ecr, operation: str, key: str, name: str) -> str | None:
    """The policy text, or None when boto3 is told there is none."""
    try:
        return getattr(ecr, operation)(repositoryName=name)[key]
    except ecr.exceptions.ClientError as exc:
        assert exc.response["Error"]["Code"].endswith("PolicyNotFoundException")
        return None


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_repositories_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            ecr = sandbox.client(session, "ecr", region)
            found = ecr.describe_repositories()["repositories"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["repository_name"]) == sorted(r["repositoryName"] for r in found)
            rows = here.set_index("repository_name")
            for repository in found:
                name = repository["repositoryName"]
                row = rows.loc[name]
                assert row["arn"] == repository["repositoryArn"]
                assert row["registry_id"] == repository["registryId"]
                assert row["repository_uri"] == repository["repositoryUri"]
                assert row["created_at"] == pd.Timestamp(repository["createdAt"]).tz_convert("UTC")
                assert row["image_tag_mutability"] == repository["imageTagMutability"]
                scanning = repository["imageScanningConfiguration"]
                assert bool(row["scan_on_push"]) == scanning["scanOnPush"]
                encryption = repository["encryptionConfiguration"]
                assert row["encryption_type"] == encryption["encryptionType"]
                assert cell(row["kms_key"]) == encryption.get("kmsKey")
                lifecycle = _policy_text(ecr, "get_lifecycle_policy", "lifecyclePolicyText", name)
                if lifecycle is None:
                    assert cell(row["lifecycle_policy"]) is None
                    assert row["lifecycle_rule_count"] == 0
                else:
                    assert json.loads(row["lifecycle_policy"]) == json.loads(lifecycle)
                    assert row["lifecycle_rule_count"] == len(json.loads(lifecycle)["rules"])
                policy = _policy_text(ecr, "get_repository_policy", "policyText", name)
                if policy is None:
                    assert cell(row["policy"]) is None
                else:
                    assert json.loads(row["policy"]) == json.loads(policy)


def test_seeded_repositories_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.ecr_repositories
    assert sorted(table.index) == sorted(r["arn"] for r in seeded)
    for r in seeded:
        row = table.loc[r["arn"]]
        assert (row["account_id"], row["region"]) == (r["account_id"], r["region"])
        assert row["repository_name"] == r["name"]
        assert bool(row["scan_on_push"]) == r["scan_on_push"]
        assert (row["image_tag_mutability"] == "IMMUTABLE") == r["immutable_tags"]
        assert row["encryption_type"] == ("AES256" if r["encryption"] == "aes256" else "KMS")
        if r["kms_key_arn"]:
            assert row["kms_key"] == r["kms_key_arn"]
        assert (row["lifecycle_rule_count"] == 1) == bool(r["expire_untagged_days"])
        assert pd.isna(row["policy"]) == (r["pull"] is None)
    assert {r["encryption"] for r in seeded} >= {"aes256", "aws-managed"}
    assert {r["pull"] for r in seeded} == {None, "organization", "public"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["ecr.DescribeRepositories"] == units
    assert calls["ecr.GetLifecyclePolicy"] == len(inventory[TABLE])
    assert calls["ecr.GetRepositoryPolicy"] == len(inventory[TABLE])


def test_asking_for_list_columns_skips_the_policy_calls(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(), tables=[TABLE], columns={TABLE: ["scan_on_push"]}, progress=False
    )
    assert len(inv[TABLE]) == len(sandbox.truth.ecr_repositories)
    assert "ecr.GetLifecyclePolicy" not in inv.meta["api_calls"]
    assert "ecr.GetRepositoryPolicy" not in inv.meta["api_calls"]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_repositories(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
