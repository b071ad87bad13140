"""Data Firehose checks on small inventories built by hand: exactly which resources FAIL and PASS,
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
    assert CHECKS["firehose_delivery_stream_unencrypted"].frameworks == {
        "AWS-FSBP": ("DataFirehose.1",)
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
