"""The Private CA table holds exactly what plain boto3 sees in the sandbox and what was seeded;
the root CA check fails exactly the planted CAs."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "acm_pca.certificate_authorities"
CHECK = "acm_pca_root_ca_enabled"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_authorities_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            pca = sandbox.client(session, "acm-pca", region)
            listed = pca.list_certificate_authorities()["CertificateAuthorities"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(ca["Arn"] for ca in listed)
            rows = here.set_index("arn")
            for ca in listed:
                row = rows.loc[ca["Arn"]]
                configuration = ca["CertificateAuthorityConfiguration"]
                assert row["ca_type"] == ca["Type"]
                assert row["status"] == ca["Status"]
                assert row["common_name"] == configuration["Subject"]["CommonName"]
                assert row["key_algorithm"] == configuration["KeyAlgorithm"]
                assert row["signing_algorithm"] == configuration["SigningAlgorithm"]
                assert row["usage_mode"] == ca["UsageMode"]
                assert row["created_at"] == ca["CreatedAt"]
                assert cell(row["last_state_change_at"]) == ca.get("LastStateChangeAt")


def test_seeded_authorities_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    assert sorted(table.index) == sorted(ca["arn"] for ca in sandbox.truth.private_cas)
    for ca in sandbox.truth.private_cas:
        row = table.loc[ca["arn"]]
        assert (row["account_id"], row["region"]) == (ca["account_id"], ca["region"])
        assert (row["common_name"], row["ca_type"], row["status"]) == (
            ca["name"],
            ca["type"],
            ca["status"],
        )
    assert {ca["type"] for ca in sandbox.truth.private_cas} == {"ROOT", "SUBORDINATE"}


def test_the_check_fails_exactly_the_planted(sandbox: Sandbox, inventory: Inventory) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, CHECK)
