"""CloudFormation checks on small inventories built by hand: exactly which stacks FAIL and
PASS, why, and the FSBP controls they answer."""

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
    assert CHECKS["cloudformation_stack_termination_protection_disabled"].frameworks == {
        "AWS-FSBP": ("CloudFormation.3",)
    }
    assert CHECKS["cloudformation_stack_service_role_missing"].frameworks == {
        "AWS-FSBP": ("CloudFormation.4",)
    }


def stack(name: str, **fields) -> dict:
    arn = f"arn:aws:cloudformation:{EAST}:{A}:stack/{name}/0"
    return {"stack_name": name, "arn": arn, **fields}


def test_termination_protection_fails_when_off_or_unknown() -> None:
    inv = inventory(
        "cloudformation.stacks",
        stack("kept", termination_protection=True),
        stack("open", termination_protection=False),
        stack("unknown"),
    )
    off = "termination protection is off: one delete-stack removes every resource"
    assert results(inv, "cloudformation_stack_termination_protection_disabled") == {
        "kept": ("PASS", "termination protection is on"),
        "open": ("FAIL", off),
        "unknown": ("FAIL", off),
    }


def test_service_role_fails_without_a_role() -> None:
    role = f"arn:aws:iam::{A}:role/deployer"
    inv = inventory("cloudformation.stacks", stack("roled", role_arn=role), stack("caller"))
    assert results(inv, "cloudformation_stack_service_role_missing") == {
        "roled": ("PASS", f"service role {role}"),
        "caller": ("FAIL", "no service role: deploys with the caller's credentials"),
    }
