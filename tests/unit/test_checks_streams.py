"""Kinesis, Firehose, Step Functions, EventBridge, Athena and Amazon MQ checks on small
inventories built by hand: exactly which resources FAIL and PASS, why, and the FSBP controls
they answer."""

from __future__ import annotations

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


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    expected = {
        "kinesis_stream_unencrypted": "Kinesis.1",
        "kinesis_stream_retention_too_short": "Kinesis.3",
        "firehose_delivery_stream_unencrypted": "DataFirehose.1",
        "stepfunctions_state_machine_logging_disabled": "StepFunctions.1",
        "events_custom_event_bus_no_policy": "EventBridge.3",
        "athena_workgroup_logging_disabled": "Athena.4",
        "mq_broker_audit_logging_disabled": "MQ.2",
    }
    for check, control in expected.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}


def stream(name: str, **fields) -> dict:
    return {"stream_name": name, "arn": f"arn:aws:kinesis:{EAST}:{A}:stream/{name}", **fields}


def test_kinesis_encryption_passes_a_kms_key_and_fails_none() -> None:
    inv = inventory(
        "kinesis.streams",
        stream("kms", encryption_type="KMS", key_id="alias/aws/kinesis"),
        stream("plain", encryption_type="NONE"),
        stream("unknown"),
    )
    assert results(inv, "kinesis_stream_unencrypted") == {
        "kms": ("PASS", "encrypted at rest with KMS key alias/aws/kinesis"),
        "plain": ("FAIL", "not encrypted at rest (encryption type NONE)"),
        "unknown": ("FAIL", "not encrypted at rest (encryption type NONE)"),
    }


def test_kinesis_retention_fails_under_168_hours() -> None:
    inv = inventory(
        "kinesis.streams",
        stream("week", retention_period_hours=168),
        stream("year", retention_period_hours=8760),
        stream("day", retention_period_hours=24),
        stream("almost", retention_period_hours=167),
    )
    assert results(inv, "kinesis_stream_retention_too_short") == {
        "week": ("PASS", "retention 168 hours"),
        "year": ("PASS", "retention 8760 hours"),
        "day": ("FAIL", "retention 24 hours (under 168)"),
        "almost": ("FAIL", "retention 167 hours (under 168)"),
    }


def test_firehose_passes_only_enabled_encryption() -> None:
    def delivery(name: str, **fields) -> dict:
        arn = f"arn:aws:firehose:{EAST}:{A}:deliverystream/{name}"
        return {"delivery_stream_name": name, "arn": arn, **fields}

    key = f"arn:aws:kms:{EAST}:{A}:key/k"
    inv = inventory(
        "firehose.delivery_streams",
        delivery("owned", encryption_status="ENABLED", encryption_key_type="AWS_OWNED_CMK"),
        delivery("cmk", encryption_status="ENABLED", encryption_key_arn=key),
        delivery("off", encryption_status="DISABLED"),
        delivery("starting", encryption_status="ENABLING", encryption_key_type="AWS_OWNED_CMK"),
    )
    assert results(inv, "firehose_delivery_stream_unencrypted") == {
        "owned": ("PASS", "encrypted at rest with AWS_OWNED_CMK"),
        "cmk": ("PASS", "encrypted at rest with " + key),
        "off": ("FAIL", "server-side encryption DISABLED"),
        "starting": ("FAIL", "server-side encryption ENABLING"),
    }


def test_step_functions_fails_only_logging_off() -> None:
    def machine(name: str, **fields) -> dict:
        arn = f"arn:aws:states:{EAST}:{A}:stateMachine:{name}"
        return {"name": name, "arn": arn, **fields}

    group = '["arn:aws:logs:us-east-1:111111111111:log-group:g:*"]'
    inv = inventory(
        "stepfunctions.state_machines",
        machine("all", logging_level="ALL", log_destinations=group),
        machine("fatal", logging_level="FATAL", log_destinations=group),
        machine("off", logging_level="OFF", log_destinations="[]"),
    )
    assert results(inv, "stepfunctions_state_machine_logging_disabled") == {
        "all": ("PASS", "logging level ALL to " + group),
        "fatal": ("PASS", "logging level FATAL to " + group),
        "off": ("FAIL", "logging level OFF"),
    }


def test_eventbridge_judges_custom_buses_only() -> None:
    def bus(name: str, **fields) -> dict:
        arn = f"arn:aws:events:{EAST}:{A}:event-bus/{name}"
        return {"name": name, "arn": arn, "is_default": name == "default", **fields}

    inv = inventory(
        "events.event_buses",
        bus("default"),
        bus("orders", policy='{"Version": "2012-10-17", "Statement": []}'),
        bus("bare"),
    )
    assert results(inv, "events_custom_event_bus_no_policy") == {
        "orders": ("PASS", "resource-based policy attached"),
        "bare": ("FAIL", "no resource-based policy attached"),
    }


def test_athena_fails_workgroups_without_cloudwatch_metrics() -> None:
    def group(name: str, **fields) -> dict:
        arn = f"arn:aws:athena:{EAST}:{A}:workgroup/{name}"
        return {"workgroup_name": name, "arn": arn, **fields}

    inv = inventory(
        "athena.workgroups",
        group("metrics", publish_cloudwatch_metrics_enabled=True),
        group("quiet", publish_cloudwatch_metrics_enabled=False),
        group("unknown"),
    )
    assert results(inv, "athena_workgroup_logging_disabled") == {
        "metrics": ("PASS", "query metrics published to CloudWatch"),
        "quiet": ("FAIL", "query metrics not published to CloudWatch"),
        "unknown": ("FAIL", "query metrics not published to CloudWatch"),
    }


def test_mq_judges_activemq_audit_logs_and_skips_rabbitmq() -> None:
    def broker(name: str, engine: str, **fields) -> dict:
        arn = f"arn:aws:mq:{EAST}:{A}:broker:{name}:b-{name}"
        return {
            "broker_id": f"b-{name}",
            "arn": arn,
            "broker_name": name,
            "engine_type": engine,
            **fields,
        }

    inv = inventory(
        "mq.brokers",
        broker("audited", "ACTIVEMQ", audit_log_enabled=True),
        broker("silent", "ACTIVEMQ", audit_log_enabled=False),
        broker("rabbit", "RABBITMQ"),
    )
    assert results(inv, "mq_broker_audit_logging_disabled") == {
        "audited": ("PASS", "audit logs streamed to CloudWatch Logs (broker id b-audited)"),
        "silent": ("FAIL", "audit logs not streamed to CloudWatch Logs (broker id b-silent)"),
    }
