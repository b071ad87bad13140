"""Kinesis checks on small inventories built by hand: exactly which resources FAIL and PASS,
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
    assert CHECKS["kinesis_stream_unencrypted"].frameworks == {"AWS-FSBP": ("Kinesis.1",)}
    assert CHECKS["kinesis_stream_retention_too_short"].frameworks == {"AWS-FSBP": ("Kinesis.3",)}


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
