"""The RDS checks of FSBP settings beyond CIS (monitoring, logs, IAM authentication, tags on
snapshots, ports, administrator names, cluster backups) on small inventories built by hand:
exactly which instances and clusters FAIL and which PASS, and why."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, EAST = "1" * 12, "us-east-1"
CONTROLS = {
    "rds_instance_enhanced_monitoring_disabled": "RDS.6",
    "rds_instance_logs_not_published": "RDS.9",
    "rds_instance_iam_auth_disabled": "RDS.10",
    "rds_cluster_iam_auth_disabled": "RDS.12",
    "rds_cluster_copy_tags_to_snapshots_disabled": "RDS.16",
    "rds_instance_copy_tags_to_snapshots_disabled": "RDS.17",
    "rds_instance_default_port": "RDS.23",
    "rds_cluster_default_admin_username": "RDS.24",
    "rds_instance_default_admin_username": "RDS.25",
    "rds_postgresql_instance_logs_not_published": "RDS.36",
    "rds_cluster_backup_retention_too_short": "RDS.50",
    "rds_event_subscription_cluster_events_missing": "RDS.19",
    "rds_event_subscription_instance_events_missing": "RDS.20",
    "rds_event_subscription_parameter_group_events_missing": "RDS.21",
    "rds_event_subscription_security_group_events_missing": "RDS.22",
}


def table(name: str, *rows: dict) -> pd.DataFrame:
    return TABLES[name].frame({"account_id": A, "region": EAST, **row} for row in rows)


def instance(name: str, engine: str, **fields) -> dict:
    return {
        "db_instance_identifier": name,
        "arn": f"arn:aws:rds:{EAST}:{A}:db:{name}",
        "engine": engine,
        **fields,
    }


def cluster(name: str, engine: str, **fields) -> dict:
    return {
        "db_cluster_identifier": name,
        "arn": f"arn:aws:rds:{EAST}:{A}:cluster:{name}",
        "engine": engine,
        **fields,
    }


def inventory() -> Inventory:
    instances = table(
        "rds.db_instances",
        instance(
            "hardened-pg",
            "postgres",
            port=15432,
            monitoring_interval=30,
            cloudwatch_logs_exports='["postgresql", "upgrade"]',
            iam_auth_enabled=True,
            copy_tags_to_snapshot=True,
            master_username="orders_owner",
        ),
        instance(
            "default-pg",
            "postgres",
            port=5432,
            monitoring_interval=0,
            cloudwatch_logs_exports='["postgresql"]',
            iam_auth_enabled=False,
            copy_tags_to_snapshot=False,
            master_username="postgres",
        ),
        instance(
            "default-mysql",
            "mysql",
            port=3306,
            cloudwatch_logs_exports='["error"]',
            master_username="Admin",
        ),
        instance("oracle-db", "oracle-ee", port=1522, cloudwatch_logs_exports="[]"),
        # An Aurora member: its logs, IAM authentication, tags and administrator are the
        # cluster's; its port and monitoring are its own.
        instance(
            "aurora-1",
            "aurora-postgresql",
            port=5432,
            monitoring_interval=60,
            db_cluster_identifier="aurora",
        ),
    )
    clusters = table(
        "rds.db_clusters",
        cluster(
            "aurora",
            "aurora-postgresql",
            iam_auth_enabled=False,
            copy_tags_to_snapshot=False,
            master_username="postgres",
            backup_retention_days=1,
        ),
        cluster(
            "ledger",
            "aurora-mysql",
            iam_auth_enabled=True,
            copy_tags_to_snapshot=True,
            master_username="ledger_admin",
            backup_retention_days=7,
        ),
        # A Multi-AZ DB cluster (not Aurora): RDS.16 does not judge it.
        cluster("multi-az", "postgres", copy_tags_to_snapshot=False, backup_retention_days=35),
    )
    return Inventory({"rds.db_instances": instances, "rds.db_clusters": clusters})


def test_checks_are_registered_and_mapped_to_their_controls() -> None:
    load_builtin()
    for check_id, control in CONTROLS.items():
        entry = CHECKS[check_id]
        assert entry.frameworks == {"AWS-FSBP": (control,)}, check_id
        assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {
            "resource_id",
            "account_id",
            "region",
        }
        assert entry.remediation_cli.startswith("aws rds ")


def statuses(check: str) -> dict[str, str]:
    return {name: status for name, (status, _) in results(inventory(), check).items()}


@pytest.mark.parametrize(
    ("check", "expected"),
    [
        (
            "rds_instance_enhanced_monitoring_disabled",
            {
                "hardened-pg": "PASS",
                "default-pg": "FAIL",
                "default-mysql": "FAIL",
                "oracle-db": "FAIL",
                "aurora-1": "PASS",
            },
        ),
        (
            "rds_instance_iam_auth_disabled",
            {"hardened-pg": "PASS", "default-pg": "FAIL", "default-mysql": "FAIL"},
        ),
        (
            "rds_instance_copy_tags_to_snapshots_disabled",
            {
                "hardened-pg": "PASS",
                "default-pg": "FAIL",
                "default-mysql": "FAIL",
                "oracle-db": "FAIL",
            },
        ),
        (
            "rds_instance_default_port",
            {
                "hardened-pg": "PASS",
                "default-pg": "FAIL",
                "default-mysql": "FAIL",
                "oracle-db": "PASS",
                "aurora-1": "FAIL",
            },
        ),
        (
            "rds_instance_default_admin_username",
            {
                "hardened-pg": "PASS",
                "default-pg": "FAIL",
                "default-mysql": "FAIL",
                "oracle-db": "PASS",
            },
        ),
        (
            "rds_postgresql_instance_logs_not_published",
            {"hardened-pg": "PASS", "default-pg": "PASS"},
        ),
        ("rds_cluster_iam_auth_disabled", {"aurora": "FAIL", "ledger": "PASS", "multi-az": "FAIL"}),
        ("rds_cluster_copy_tags_to_snapshots_disabled", {"aurora": "FAIL", "ledger": "PASS"}),
        (
            "rds_cluster_default_admin_username",
            {"aurora": "FAIL", "ledger": "PASS", "multi-az": "PASS"},
        ),
        (
            "rds_cluster_backup_retention_too_short",
            {"aurora": "FAIL", "ledger": "PASS", "multi-az": "PASS"},
        ),
    ],
)
def test_which_resources_fail(check: str, expected: dict[str, str]) -> None:
    assert statuses(check) == expected


def test_logs_name_what_each_engine_misses() -> None:
    found = results(inventory(), "rds_instance_logs_not_published")
    assert found == {
        "hardened-pg": ("PASS", "publishes every required log"),
        "default-pg": ("FAIL", "does not publish upgrade"),
        "default-mysql": ("FAIL", "does not publish audit, general, slowquery"),
        "oracle-db": ("FAIL", "does not publish alert, audit, listener, trace"),
    }


def test_postgresql_logs_fail_without_the_postgresql_log() -> None:
    inv = inventory()
    instances = inv["rds.db_instances"].copy()
    instances.loc[
        instances["db_instance_identifier"] == "default-pg", "cloudwatch_logs_exports"
    ] = '["upgrade"]'
    inv = Inventory({"rds.db_instances": instances, "rds.db_clusters": inv["rds.db_clusters"]})
    found = results(inv, "rds_postgresql_instance_logs_not_published")
    assert found["default-pg"] == ("FAIL", "postgresql log not published")


def test_details_say_why() -> None:
    assert results(inventory(), "rds_instance_default_port")["default-pg"] == (
        "FAIL",
        "port 5432 (the engine's default)",
    )
    assert results(inventory(), "rds_instance_enhanced_monitoring_disabled")["hardened-pg"] == (
        "PASS",
        "Enhanced Monitoring every 30 s",
    )
    assert results(inventory(), "rds_cluster_default_admin_username")["aurora"] == (
        "FAIL",
        "administrator postgres (a default)",
    )


# -- event subscriptions (FSBP RDS.19-RDS.22) ----------------------------------------------------
def subscriptions() -> Inventory:
    def subscription(name: str, source_type: str | None, categories: str, enabled=True) -> dict:
        return {
            "subscription_name": name,
            "arn": f"arn:aws:rds:{EAST}:{A}:es:{name}",
            "source_type": source_type,
            "event_categories": categories,
            "enabled": enabled,
        }

    frame = table(
        "rds.event_subscriptions",
        subscription("cluster-all", "db-cluster", "[]"),
        subscription("cluster-failures", "db-cluster", '["failure"]'),
        subscription("cluster-off", "db-cluster", '["failure", "maintenance"]', enabled=False),
        subscription(
            "instance-critical", "db-instance", '["configuration change", "failure", "maintenance"]'
        ),
        subscription("params", "db-parameter-group", '["configuration change"]'),
        subscription("security-groups", "db-security-group", '["failure"]'),
        subscription("everything", None, "[]"),
    )
    return Inventory({"rds.event_subscriptions": frame})


def test_event_subscriptions_judge_their_source_type_only() -> None:
    inv = subscriptions()
    assert results(inv, "rds_event_subscription_cluster_events_missing") == {
        "cluster-all": ("PASS", "enabled; sends failure, maintenance"),
        "cluster-failures": ("FAIL", "enabled; does not send maintenance"),
        "cluster-off": ("FAIL", "disabled; sends failure, maintenance"),
    }
    found = results(inv, "rds_event_subscription_instance_events_missing")
    assert found == {
        "instance-critical": ("PASS", "enabled; sends configuration change, failure, maintenance")
    }
    assert results(inv, "rds_event_subscription_parameter_group_events_missing") == {
        "params": ("PASS", "enabled; sends configuration change")
    }
    assert results(inv, "rds_event_subscription_security_group_events_missing") == {
        "security-groups": ("FAIL", "enabled; does not send configuration change")
    }
