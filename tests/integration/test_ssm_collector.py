"""The Systems Manager tables hold exactly what plain boto3 sees in the sandbox, and what was
seeded (an instance is managed exactly when its instance profile's role has
AmazonSSMManagedInstanceCore: the sandbox's answer for DescribeInstanceInformation, which moto
lacks); SSM.1's and SSM.4's checks FAIL exactly the planted instances and document."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "ssm.documents"
MANAGED = "ssm.managed_instances"
CHECKS = ("ssm_document_public", "ssm_instance_not_managed")
SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    tables = [TABLE, MANAGED, "ec2.instances"]
    return toolkit.collect_sync(sandbox.scope(), tables=tables, progress=False)


@pytest.mark.parametrize(("table", "key"), [(TABLE, ["arn"]), (MANAGED, ["instance_id"])])
def test_no_errors_and_clean_tables(inventory: Inventory, table: str, key: list[str]) -> None:
    one = Inventory({table: inventory[table]}, errors=inventory.errors)
    assert_one_clean_table(one, table, key)


def test_managed_instances_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[MANAGED]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            ssm = sandbox.client(session, "ssm", region)
            listed = ssm.describe_instance_information()["InstanceInformationList"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["instance_id"]) == sorted(i["InstanceId"] for i in listed)
            rows = here.set_index("instance_id")
            for found in listed:
                row = rows.loc[found["InstanceId"]]
                assert row["ping_status"] == found["PingStatus"]
                assert row["last_ping"] == pd.Timestamp(found["LastPingDateTime"])
                for column, field in (
                    ("agent_version", "AgentVersion"),
                    ("is_latest_version", "IsLatestVersion"),
                    ("platform_type", "PlatformType"),
                    ("platform_name", "PlatformName"),
                    ("resource_type", "ResourceType"),
                    ("ip_address", "IPAddress"),
                    ("computer_name", "ComputerName"),
                ):
                    assert row[column] == found[field], column


def test_managed_instances_are_those_whose_role_allows_the_agent(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    roles = {
        (r["account_id"], r["name"]) for r in sandbox.truth.iam_roles if SSM_CORE in r["policies"]
    }
    expected = sorted(
        i["id"]
        for vpc in sandbox.truth.vpcs
        for i in vpc["instances"]
        if (vpc["account_id"], i["instance_profile"]) in roles
    )
    assert expected  # the estate has a managed instance, and unmanaged ones
    assert sorted(inventory[MANAGED]["instance_id"]) == expected
    assert set(inventory[MANAGED]["ping_status"]) == {"Online"}
    assert len(inventory["ec2.instances"]) > len(expected)


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
