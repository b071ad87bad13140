"""Amazon MQ checks on small inventories built by hand: exactly which resources FAIL and PASS,
why, and the FSBP controls they answer."""

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
    assert CHECKS["mq_broker_audit_logging_disabled"].frameworks == {"AWS-FSBP": ("MQ.2",)}


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
