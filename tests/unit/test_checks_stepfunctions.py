"""Step Functions checks on small inventories built by hand: exactly which resources FAIL and PASS,
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
    assert CHECKS["stepfunctions_state_machine_logging_disabled"].frameworks == {
        "AWS-FSBP": ("StepFunctions.1",)
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
