"""The Athena table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its check FAILs exactly the planted workgroups and the primary ones the estate expects."""

from __future__ import annotations

import pytest
from census import assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "athena.workgroups"
CHECK = "athena_workgroup_logging_disabled"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="athena", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_workgroups_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            athena = sandbox.client(session, "athena", region)
            names = [w["Name"] for w in athena.list_work_groups()["WorkGroups"]]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["workgroup_name"]) == sorted(names)
            assert "primary" in names
            rows = here.set_index("workgroup_name")
            for name in names:
                group = athena.get_work_group(WorkGroup=name)["WorkGroup"]
                config = group["Configuration"]
                results = config.get("ResultConfiguration") or {}
                encryption = results.get("EncryptionConfiguration") or {}
                row = rows.loc[name]
                assert row["state"] == group["State"]
                assert bool(row["publish_cloudwatch_metrics_enabled"]) == bool(
                    config.get("PublishCloudWatchMetricsEnabled")
                )
                assert cell(row["output_location"]) == results.get("OutputLocation")
                assert cell(row["encryption_option"]) == encryption.get("EncryptionOption")
                assert cell(row["kms_key"]) == encryption.get("KmsKey")


def test_seeded_workgroups_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.athena_workgroups
    assert set(table.index) >= {w["arn"] for w in seeded}
    for w in seeded:
        row = table.loc[w["arn"]]
        assert (row["account_id"], row["region"]) == (w["account_id"], w["region"])
        assert bool(row["publish_cloudwatch_metrics_enabled"]) == w["metrics"]
        assert cell(row["output_location"]) == w["output_location"]
        assert cell(row["kms_key"]) == w["kms_key"]
    others = table.drop(index=[w["arn"] for w in seeded])
    assert set(others["workgroup_name"]) == {"primary"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["athena.ListWorkGroups"] == units
    assert calls["athena.GetWorkGroup"] == len(inventory[TABLE])


def test_the_check_fails_the_planted_workgroups_and_the_primary_ones(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    truth = sandbox.truth
    findings = toolkit.run_checks(inventory, checks=CHECK)
    failed = findings[findings["status"] == "FAIL"]
    planted = {
        (p["account_id"], p["region"], p["resource_id"])
        for p in truth.planted
        if p["check"] == CHECK
    }
    assert planted
    fails = set(zip(failed["account_id"], failed["region"], failed["resource_id"], strict=True))
    assert planted <= fails
    for account_id, _, resource_id in fails - planted:
        assert resource_id == "primary"
        assert truth.explains(CHECK, account_id, resource_id) not in (None, "planted")
    assert "PASS" in set(findings["status"].astype(str))
