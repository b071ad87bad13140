"""The EMR table holds exactly what plain boto3 sees in the sandbox (AWS's default where the
estate changed nothing: on, port 22 permitted, the sandbox's answer where moto has none) and
what was seeded; EMR.2's check FAILs exactly the planted account-regions."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.collectors.emr.block_public_access import port_range
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "emr.block_public_access"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="emr", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["account_id", "region"])


def test_one_row_per_account_and_region_as_boto3_and_the_truth_say(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    table = inventory[TABLE].set_index(["account_id", "region"])
    truth = sandbox.truth
    assert len(table) == len(truth.account_ids) * len(truth.regions)
    changed = {(s["account_id"], s["region"]): s for s in truth.emr_block_public_access}
    assert {s["enabled"] for s in changed.values()} == {True, False}
    # boto3 in one changed and one default account-region (each call makes a session: the
    # rest are compared with the truth, which the seeding made through the same API)
    for where in (sorted(changed)[0], (truth.management_account, truth.regions[0])):
        session = sandbox.boto3_session(where[0])
        emr = sandbox.client(session, "emr", where[1])
        config = emr.get_block_public_access_configuration()["BlockPublicAccessConfiguration"]
        row = table.loc[where]
        assert (
            bool(row["block_public_security_group_rules"])
            == (config["BlockPublicSecurityGroupRules"])
        )
        ranges = [port_range(r) for r in config["PermittedPublicSecurityGroupRuleRanges"]]
        assert json.loads(row["permitted_port_ranges"]) == ranges
    for where, row in table.iterrows():
        seeded = changed.get(where, {"enabled": True, "permitted_ports": ["22"]})
        assert bool(row["block_public_security_group_rules"]) == seeded["enabled"], where
        assert json.loads(row["permitted_port_ranges"]) == seeded["permitted_ports"], where
        assert row["created_by_arn"].startswith("arn:aws:")


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["emr.GetBlockPublicAccessConfiguration"] == units


def test_the_check_fails_exactly_the_planted_account_regions(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, "emr_block_public_access_disabled")
