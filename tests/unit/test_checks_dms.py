"""DMS checks on small inventories built by hand: exactly which replication instances and
endpoints FAIL and PASS, why, which engines each endpoint control judges, and the FSBP controls
they answer."""

from __future__ import annotations

import json

from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"


def inventory(table: str, *rows: dict) -> Inventory:
    base = {"account_id": A, "region": EAST}
    return Inventory({table: TABLES[table].frame([{**base, **row} for row in rows])})


CONTROLS = {
    "dms_replication_instance_public": "DMS.1",
    "dms_replication_instance_auto_minor_version_upgrade_disabled": "DMS.6",
    "dms_endpoint_ssl_disabled": "DMS.9",
    "dms_neptune_endpoint_iam_auth_disabled": "DMS.10",
    "dms_mongodb_endpoint_authentication_disabled": "DMS.11",
    "dms_redis_endpoint_tls_disabled": "DMS.12",
    "dms_replication_instance_single_az": "DMS.13",
    "dms_replication_task_target_logging_disabled": "DMS.7",
    "dms_replication_task_source_logging_disabled": "DMS.8",
}


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}


def instance(name: str, **fields) -> dict:
    return {"identifier": name, "arn": f"arn:aws:dms:{EAST}:{A}:rep:{name}", **fields}


def endpoint(name: str, engine: str, **fields) -> dict:
    arn = f"arn:aws:dms:{EAST}:{A}:endpoint:{name}"
    return {"identifier": name, "arn": arn, "engine_name": engine, **fields}


def test_replication_instance_checks() -> None:
    inv = inventory(
        "dms.replication_instances",
        instance("good", publicly_accessible=False, auto_minor_version_upgrade=True, multi_az=True),
        instance("bad", publicly_accessible=True, auto_minor_version_upgrade=False, multi_az=False),
    )
    assert results(inv, "dms_replication_instance_public") == {
        "good": ("PASS", "not publicly accessible"),
        "bad": ("FAIL", "publicly accessible from the internet"),
    }
    assert results(inv, "dms_replication_instance_auto_minor_version_upgrade_disabled") == {
        "good": ("PASS", "minor versions upgrade automatically"),
        "bad": ("FAIL", "automatic minor version upgrade is off"),
    }
    assert results(inv, "dms_replication_instance_single_az") == {
        "good": ("PASS", "Multi-AZ"),
        "bad": ("FAIL", "single Availability Zone: no standby"),
    }


def test_ssl_judges_engines_with_an_ssl_mode_only() -> None:
    inv = inventory(
        "dms.endpoints",
        endpoint("pg", "postgres", ssl_mode="verify-full"),
        endpoint("ora", "oracle", ssl_mode="none"),
        endpoint("mysql", "mysql"),
        endpoint("bucket", "s3"),
        endpoint("cache", "redis"),
    )
    assert results(inv, "dms_endpoint_ssl_disabled") == {
        "pg": ("PASS", "SSL mode verify-full"),
        "ora": ("FAIL", "SSL mode none: connects unencrypted"),
        "mysql": ("FAIL", "SSL mode none: connects unencrypted"),
    }


def test_engine_settings_judge_their_own_engine_only() -> None:
    inv = inventory(
        "dms.endpoints",
        endpoint("graph-iam", "neptune", neptune_iam_auth_enabled=True),
        endpoint("graph-open", "neptune", neptune_iam_auth_enabled=False),
        endpoint("docs-password", "mongodb", mongodb_auth_type="password"),
        endpoint("docs-open", "mongodb", mongodb_auth_type="no"),
        endpoint("cache-tls", "redis", redis_ssl_security_protocol="ssl-encryption"),
        endpoint("cache-default", "redis"),
        endpoint("cache-plain", "redis", redis_ssl_security_protocol="plaintext"),
        endpoint("pg", "postgres", ssl_mode="require"),
    )
    assert results(inv, "dms_neptune_endpoint_iam_auth_disabled") == {
        "graph-iam": ("PASS", "IAM authorization on"),
        "graph-open": ("FAIL", "IAM authorization off"),
    }
    assert results(inv, "dms_mongodb_endpoint_authentication_disabled") == {
        "docs-password": ("PASS", "authentication type password"),
        "docs-open": ("FAIL", "no authentication mechanism"),
    }
    assert results(inv, "dms_redis_endpoint_tls_disabled") == {
        "cache-tls": ("PASS", "SSL security protocol ssl-encryption"),
        "cache-default": ("PASS", "SSL security protocol ssl-encryption"),
        "cache-plain": ("FAIL", "plaintext: no TLS"),
    }


def task(name: str, enabled: bool | None, **severities: str) -> dict:
    arn = f"arn:aws:dms:{EAST}:{A}:task:{name}"
    return {
        "identifier": name,
        "arn": arn,
        "logging_enabled": enabled,
        "log_components": json.dumps(severities, sort_keys=True),
    }


def test_task_logging_needs_logging_on_and_default_severity_or_more() -> None:
    inv = inventory(
        "dms.replication_tasks",
        task(
            "full",
            True,
            SOURCE_CAPTURE="LOGGER_SEVERITY_DEFAULT",
            SOURCE_UNLOAD="LOGGER_SEVERITY_DETAILED_DEBUG",
            TARGET_APPLY="LOGGER_SEVERITY_DEBUG",
            TARGET_LOAD="LOGGER_SEVERITY_DEFAULT",
        ),
        task("off", False, TARGET_APPLY="LOGGER_SEVERITY_DEFAULT"),
        task("unknown", None),
        task(
            "quiet-target",
            True,
            SOURCE_CAPTURE="LOGGER_SEVERITY_DEFAULT",
            SOURCE_UNLOAD="LOGGER_SEVERITY_DEFAULT",
            TARGET_APPLY="LOGGER_SEVERITY_WARNING",
        ),
    )
    assert results(inv, "dms_replication_task_target_logging_disabled") == {
        "full": (
            "PASS",
            "logs TARGET_APPLY at LOGGER_SEVERITY_DEBUG, TARGET_LOAD at LOGGER_SEVERITY_DEFAULT",
        ),
        "off": ("FAIL", "logging is off"),
        "unknown": ("FAIL", "logging is off"),
        "quiet-target": (
            "FAIL",
            "below LOGGER_SEVERITY_DEFAULT: TARGET_APPLY LOGGER_SEVERITY_WARNING, "
            "TARGET_LOAD not logged",
        ),
    }
    assert results(inv, "dms_replication_task_source_logging_disabled") == {
        "full": (
            "PASS",
            "logs SOURCE_CAPTURE at LOGGER_SEVERITY_DEFAULT, "
            "SOURCE_UNLOAD at LOGGER_SEVERITY_DETAILED_DEBUG",
        ),
        "off": ("FAIL", "logging is off"),
        "unknown": ("FAIL", "logging is off"),
        "quiet-target": (
            "PASS",
            "logs SOURCE_CAPTURE at LOGGER_SEVERITY_DEFAULT, SOURCE_UNLOAD at LOGGER_SEVERITY_DEFAULT",
        ),
    }
