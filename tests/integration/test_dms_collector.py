"""The DMS tables hold exactly what plain boto3 sees in the sandbox, and what was seeded; their
checks FAIL exactly the planted replication instances, endpoints and replication tasks."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

INSTANCES = "dms.replication_instances"
ENDPOINTS = "dms.endpoints"
TASKS = "dms.replication_tasks"
CHECKS = (
    "dms_replication_instance_public",
    "dms_replication_instance_auto_minor_version_upgrade_disabled",
    "dms_replication_instance_single_az",
    "dms_endpoint_ssl_disabled",
    "dms_neptune_endpoint_iam_auth_disabled",
    "dms_mongodb_endpoint_authentication_disabled",
    "dms_redis_endpoint_tls_disabled",
    "dms_replication_task_target_logging_disabled",
    "dms_replication_task_source_logging_disabled",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="dms", progress=False)


@pytest.mark.parametrize("table", [INSTANCES, ENDPOINTS, TASKS])
def test_no_errors_and_one_clean_table_each(inventory: Inventory, table: str) -> None:
    assert_one_clean_table(Inventory({table: inventory[table]}), table, ["arn"])
    assert inventory.errors.empty
    assert sorted(inventory.tables) == [ENDPOINTS, INSTANCES, TASKS]


def _here(frame: pd.DataFrame, account_id: str, region: str) -> pd.DataFrame:
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def test_tables_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            dms = sandbox.client(session, "dms", region)
            found = dms.describe_replication_instances()["ReplicationInstances"]
            here = _here(inventory[INSTANCES], account_id, region)
            assert sorted(here["arn"]) == sorted(i["ReplicationInstanceArn"] for i in found)
            rows = here.set_index("arn")
            for i in found:
                row = rows.loc[i["ReplicationInstanceArn"]]
                assert row["identifier"] == i["ReplicationInstanceIdentifier"]
                assert row["instance_class"] == i["ReplicationInstanceClass"]
                assert row["status"] == i["ReplicationInstanceStatus"]
                assert row["allocated_storage"] == i["AllocatedStorage"]
                assert row["publicly_accessible"] == i["PubliclyAccessible"]
                assert row["auto_minor_version_upgrade"] == i["AutoMinorVersionUpgrade"]
                assert row["multi_az"] == i["MultiAZ"]
            endpoints = dms.describe_endpoints()["Endpoints"]
            here = _here(inventory[ENDPOINTS], account_id, region)
            assert sorted(here["arn"]) == sorted(e["EndpointArn"] for e in endpoints)
            rows = here.set_index("arn")
            for e in endpoints:
                row = rows.loc[e["EndpointArn"]]
                redis = e.get("RedisSettings", {})
                assert row["identifier"] == e["EndpointIdentifier"]
                assert row["endpoint_type"] == e["EndpointType"].upper()
                assert row["engine_name"] == e["EngineName"]
                assert row["server_name"] == e.get("ServerName", redis.get("ServerName"))
                assert row["port"] == e.get("Port", redis.get("Port"))
                assert cell(row["ssl_mode"]) == e.get("SslMode")
                neptune = e.get("NeptuneSettings", {})
                assert cell(row["neptune_iam_auth_enabled"]) == neptune.get("IamAuthEnabled")
                assert cell(row["mongodb_auth_type"]) == e.get("MongoDbSettings", {}).get(
                    "AuthType"
                )
                assert cell(row["redis_ssl_security_protocol"]) == redis.get("SslSecurityProtocol")
            tasks = dms.describe_replication_tasks()["ReplicationTasks"]
            here = _here(inventory[TASKS], account_id, region)
            assert sorted(here["arn"]) == sorted(t["ReplicationTaskArn"] for t in tasks)
            rows = here.set_index("arn")
            for t in tasks:
                row = rows.loc[t["ReplicationTaskArn"]]
                logging = json.loads(t["ReplicationTaskSettings"])["Logging"]
                assert (row["identifier"], row["status"]) == (
                    t["ReplicationTaskIdentifier"],
                    t["Status"],
                )
                assert row["migration_type"] == t["MigrationType"]
                assert row["replication_instance_arn"] == t["ReplicationInstanceArn"]
                assert row["source_endpoint_arn"] == t["SourceEndpointArn"]
                assert row["target_endpoint_arn"] == t["TargetEndpointArn"]
                assert row["logging_enabled"] == logging["EnableLogging"]
                assert json.loads(row["log_components"]) == {
                    c["Id"]: c["Severity"] for c in logging["LogComponents"]
                }


def test_seeded_instances_endpoints_and_tasks_match_truth(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    table = inventory[INSTANCES].set_index("arn")
    seeded = sandbox.truth.dms_replication_instances
    assert sorted(table.index) == sorted(i["arn"] for i in seeded)
    for i in seeded:
        row = table.loc[i["arn"]]
        assert (row["account_id"], row["region"]) == (i["account_id"], i["region"])
        assert row["identifier"] == i["name"]
        assert row["publicly_accessible"] == i["publicly_accessible"]
        assert row["auto_minor_version_upgrade"] == i["auto_minor_version_upgrade"]
        assert row["multi_az"] == i["multi_az"]
    table = inventory[ENDPOINTS].set_index("arn")
    seeded = sandbox.truth.dms_endpoints
    assert sorted(table.index) == sorted(e["arn"] for e in seeded)
    for e in seeded:
        row = table.loc[e["arn"]]
        assert (row["account_id"], row["region"]) == (e["account_id"], e["region"])
        assert (row["identifier"], row["engine_name"]) == (e["name"], e["engine"])
        assert (row["server_name"], row["port"]) == (e["server"], e["port"])
        assert cell(row["ssl_mode"]) == e["ssl_mode"]
        assert cell(row["neptune_iam_auth_enabled"]) == e["iam_auth"]
        assert cell(row["mongodb_auth_type"]) == e["auth_type"]
        assert cell(row["redis_ssl_security_protocol"]) == e["ssl_protocol"]
    table = inventory[TASKS].set_index("arn")
    seeded = sandbox.truth.dms_replication_tasks
    assert sorted(table.index) == sorted(t["arn"] for t in seeded)
    for t in seeded:
        row = table.loc[t["arn"]]
        assert (row["account_id"], row["region"]) == (t["account_id"], t["region"])
        assert row["identifier"] == t["name"]
        assert row["replication_instance_arn"] == t["instance_arn"]
        assert row["source_endpoint_arn"] == t["source_arn"]
        assert row["target_endpoint_arn"] == t["target_arn"]
        assert row["logging_enabled"] == t["logging"]
        assert json.loads(row["log_components"]) == t["log_components"]


def test_one_call_a_region_a_table(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["dms.DescribeReplicationInstances"] == units
    assert calls["dms.DescribeEndpoints"] == units
    assert calls["dms.DescribeReplicationTasks"] == units


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
