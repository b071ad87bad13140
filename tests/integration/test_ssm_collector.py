"""The Systems Manager documents table holds exactly what plain boto3 sees in the sandbox, and
what was seeded; SSM.4's check FAILs exactly the planted document."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "ssm.documents"
CHECKS = ("ssm_document_public",)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_documents_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            ssm = sandbox.client(session, "ssm", region)
            owned = ssm.list_documents(Filters=[{"Key": "Owner", "Values": ["Self"]}])
            owned = owned["DocumentIdentifiers"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["name"]) == sorted(d["Name"] for d in owned)
            rows = here.set_index("name")
            for document in owned:
                row = rows.loc[document["Name"]]
                assert row["arn"] == f"arn:aws:ssm:{region}:{account_id}:document/{row.name}"
                assert row["owner"] == document["Owner"] == account_id
                assert row["document_type"] == document["DocumentType"]
                assert row["document_format"] == document["DocumentFormat"]
                assert row["document_version"] == document["DocumentVersion"]
                assert row["schema_version"] == document["SchemaVersion"]
                shared = ssm.describe_document_permission(
                    Name=document["Name"], PermissionType="Share"
                )["AccountIds"]
                assert json.loads(row["shared_with"]) == sorted(shared)
                assert bool(row["public"]) == ("all" in shared)


def test_seeded_documents_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.ssm_documents
    assert sorted(table.index) == sorted(d["arn"] for d in seeded)
    for document in seeded:
        row = table.loc[document["arn"]]
        assert (row["account_id"], row["region"]) == (document["account_id"], document["region"])
        assert json.loads(row["shared_with"]) == document["shared_with"]
        assert bool(row["public"]) == document["public"]
    assert {d["public"] for d in seeded} == {True, False}
    security = sandbox.truth.account_id("security")
    assert [security] in [d["shared_with"] for d in seeded]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_documents(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
