"""The Transfer Family tables hold exactly what plain boto3 sees in the sandbox, and what was
seeded; their checks FAIL exactly the planted servers and connectors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

SERVERS = "transfer.servers"
CONNECTORS = "transfer.connectors"
CHECKS = ("transfer_server_ftp_enabled", "transfer_connector_logging_disabled")


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="transfer", progress=False)


@pytest.mark.parametrize("table", [SERVERS, CONNECTORS])
def test_no_errors_and_one_clean_table_each(inventory: Inventory, table: str) -> None:
    assert_one_clean_table(Inventory({table: inventory[table]}), table, ["arn"])
    assert inventory.errors.empty
    assert sorted(inventory.tables) == [CONNECTORS, SERVERS]


def _here(frame: pd.DataFrame, account_id: str, region: str) -> pd.DataFrame:
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def test_tables_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            transfer = sandbox.client(session, "transfer", region)
            servers = transfer.list_servers()["Servers"]
            here = _here(inventory[SERVERS], account_id, region)
            assert sorted(here["arn"]) == sorted(s["Arn"] for s in servers)
            rows = here.set_index("arn")
            for listed in servers:
                server = transfer.describe_server(ServerId=listed["ServerId"])["Server"]
                row = rows.loc[listed["Arn"]]
                assert (row["server_id"], row["state"]) == (server["ServerId"], server["State"])
                assert row["endpoint_type"] == server["EndpointType"]
                assert row["identity_provider_type"] == server["IdentityProviderType"]
                assert row["user_count"] == listed["UserCount"]
                assert json.loads(row["protocols"]) == sorted(server["Protocols"])
                assert cell(row["logging_role"]) == server.get("LoggingRole")
            connectors = transfer.list_connectors()["Connectors"]
            here = _here(inventory[CONNECTORS], account_id, region)
            assert sorted(here["arn"]) == sorted(c["Arn"] for c in connectors)
            rows = here.set_index("arn")
            for listed in connectors:
                connector = transfer.describe_connector(ConnectorId=listed["ConnectorId"])
                connector = connector["Connector"]
                row = rows.loc[listed["Arn"]]
                assert (row["connector_id"], row["url"]) == (listed["ConnectorId"], listed["Url"])
                assert row["protocol"] == ("SFTP" if "SftpConfig" in connector else "AS2")
                assert row["access_role"] == connector["AccessRole"]
                assert cell(row["logging_role"]) == connector.get("LoggingRole")


def test_seeded_servers_and_connectors_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[SERVERS].set_index("arn")
    seeded = sandbox.truth.transfer_servers
    assert sorted(table.index) == sorted(s["arn"] for s in seeded)
    for s in seeded:
        row = table.loc[s["arn"]]
        assert (row["account_id"], row["region"]) == (s["account_id"], s["region"])
        assert row["server_id"] == s["server_id"]
        assert json.loads(row["protocols"]) == s["protocols"]
        assert cell(row["logging_role"]) == s["logging_role"]
    table = inventory[CONNECTORS].set_index("arn")
    seeded = sandbox.truth.transfer_connectors
    assert sorted(table.index) == sorted(c["arn"] for c in seeded)
    for c in seeded:
        row = table.loc[c["arn"]]
        assert (row["account_id"], row["region"]) == (c["account_id"], c["region"])
        assert (row["connector_id"], row["url"]) == (c["connector_id"], c["url"])
        assert cell(row["logging_role"]) == c["logging_role"]


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["transfer.ListServers"] == units
    assert calls["transfer.ListConnectors"] == units
    assert calls["transfer.DescribeServer"] == len(inventory[SERVERS])
    assert calls["transfer.DescribeConnector"] == len(inventory[CONNECTORS])


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
