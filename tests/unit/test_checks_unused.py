"""Resources nothing uses: the EC2 checks say so in the detail, and ``run_checks(...,
skip_unused=True)`` leaves exactly their findings out (hand-made inventories, no sandbox).

Account B reuses account A's ids, so the filtering must key on account and region too.
"""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit.collectors import REGISTRY as TABLES
from toolkit.errors import UsageError
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"
REGION = "us-east-1"


def frame(table: str, *rows: dict) -> pd.DataFrame:
    return TABLES[table].frame({"account_id": A, "region": REGION, **row} for row in rows)


def inventory(in_use: dict[tuple[str, str], bool | None]) -> Inventory:
    """VPCs (account, id) with their in_use, no flow logs: every VPC fails the flow log check.
    Subnets and groups alike, named after their VPC."""
    vpcs = [
        {"account_id": a, "vpc_id": v, "arn": f"arn:{v}", "in_use": u}
        for (a, v), u in in_use.items()
    ]
    subnets = [
        {"account_id": a, "subnet_id": v.replace("vpc", "subnet"), "vpc_id": v, "in_use": u,
         "map_public_ip_on_launch": True}
        for (a, v), u in in_use.items()
    ]  # fmt: skip
    groups = [
        {"account_id": a, "group_id": v.replace("vpc", "sg"), "group_name": "default",
         "vpc_id": v, "in_use": u, "egress_rule_count": 1, "ingress_rule_count": 0}
        for (a, v), u in in_use.items()
    ]  # fmt: skip
    return Inventory(
        {
            "ec2.vpcs": frame("ec2.vpcs", *vpcs),
            "ec2.flow_logs": frame("ec2.flow_logs"),
            "ec2.subnets": frame("ec2.subnets", *subnets),
            "ec2.security_groups": frame("ec2.security_groups", *groups),
            "ec2.security_group_rules": frame("ec2.security_group_rules"),
        }
    )


CHECKS = [
    "ec2_vpc_flow_logs_disabled",
    "ec2_subnet_auto_assign_public_ip",
    "ec2_default_security_group_allows_traffic",
    "ec2_security_group_open_all_ports",
]
STATE = {
    (A, "vpc-used"): True,
    (A, "vpc-idle"): False,
    (B, "vpc-used"): False,
    (A, "vpc-unknown"): None,
}


def _rows(findings: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(
        zip(findings["check_id"], findings["account_id"], findings["resource_id"], strict=True)
    )


def test_unused_resources_say_so_and_are_still_evaluated() -> None:
    findings = toolkit.run_checks(inventory(STATE), CHECKS)
    assert len(findings) == len(CHECKS) * len(STATE)
    unused = findings["detail"].str.endswith("; unused")
    idle = findings["resource_id"].str.endswith("-idle") | (findings["account_id"] == B)
    assert (unused == idle).all(), findings[["check_id", "account_id", "resource_id", "detail"]]
    assert set(findings.loc[unused, "status"]) <= {"FAIL", "PASS"}


def test_skip_unused_leaves_out_exactly_the_unused() -> None:
    inv = inventory(STATE)
    every = toolkit.run_checks(inv, CHECKS)
    kept = toolkit.run_checks(inv, CHECKS, skip_unused=True)
    assert list(kept.columns) == list(every.columns)
    assert kept.dtypes.equals(every.dtypes)
    left_out = _rows(every) - _rows(kept)
    assert _rows(kept) <= _rows(every)
    # A's idle VPC and B's VPC (whose id A uses) with their subnet and group; unknown is kept
    assert {(a, r.split("-", 1)[1]) for _, a, r in left_out} == {(A, "idle"), (B, "used")}
    assert len(left_out) == len(CHECKS) * 2
    assert not kept["detail"].str.contains("unused").any()


def test_only_the_tables_a_check_reads_count() -> None:
    """An instance check reads no table with in_use: its finding stays, even on an instance
    whose id an unused VPC of the inventory also has (ids are matched per table read)."""
    inv = inventory({(A, "vpc-idle"): False})
    instances = frame(
        "ec2.instances",
        {"instance_id": "vpc-idle", "state": "running", "security_group_ids": "[]",
         "public_ip": "198.51.100.1", "arn": "arn:i-1"},
    )  # fmt: skip
    inv = Inventory({**{n: inv[n] for n in inv.tables}, "ec2.instances": instances})
    checks = ["ec2_instance_public_ip", "ec2_vpc_flow_logs_disabled"]
    every = toolkit.run_checks(inv, checks)
    kept = toolkit.run_checks(inv, checks, skip_unused=True)
    assert _rows(every) - _rows(kept) == {("ec2_vpc_flow_logs_disabled", A, "vpc-idle")}
    assert _rows(kept) == {("ec2_instance_public_ip", A, "vpc-idle")}


def test_skip_unused_refuses_an_inventory_without_in_use() -> None:
    inv = inventory(STATE)
    old = Inventory(
        {**{n: inv[n] for n in inv.tables}, "ec2.vpcs": inv["ec2.vpcs"].drop(columns="in_use")}
    )
    assert len(toolkit.run_checks(old, CHECKS)) == len(CHECKS) * len(STATE)  # notes left out
    with pytest.raises(UsageError, match=r"ec2\.vpcs has no in_use column"):
        toolkit.run_checks(old, CHECKS, skip_unused=True)


def test_error_rows_are_kept() -> None:
    inv = Inventory({"ec2.vpcs": frame("ec2.vpcs", {"vpc_id": "vpc-idle", "in_use": False})})
    kept = toolkit.run_checks(inv, "ec2_vpc_flow_logs_disabled", skip_unused=True)
    assert list(kept["status"].astype(str)) == ["ERROR"]
