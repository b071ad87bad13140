"""CIS 5.5's check, ec2_vpc_peering_routes_not_least_access, on small hand-made inventories.

VPC vpc-req (10.10.0.0/16, 2600:1f18:aa:100::/56) peers with vpc-acc (10.30.0.0/16 and
100.64.0.0/24, 2600:1f18:bb:200::/56) over one peering per case, in account A. Each case is
one route (or none) through its peering; account B and another region reuse ids so that every
join must key on the account and region.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.checks.ec2.ec2_vpc_peering_routes_not_least_access import (
    covered_blocks,
    too_broad,
)
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

CHECK = "ec2_vpc_peering_routes_not_least_access"
A, B = "111111111111", "222222222222"
REGION, OTHER_REGION = "us-east-1", "eu-west-1"
REQ_V4, REQ_V6 = ["10.10.0.0/16"], ["2600:1f18:aa:100::/56"]
ACC_V4, ACC_V6 = ["10.30.0.0/16", "100.64.0.0/24"], ["2600:1f18:bb:200::/56"]

#: peering -> (status, route table's VPC, destination, route state); None: no route
CASES = {
    "pcx-whole": ("active", "vpc-req", "10.30.0.0/16", "active"),
    "pcx-subnet": ("active", "vpc-req", "10.30.10.0/24", "active"),
    "pcx-host": ("active", "vpc-req", "10.30.10.7/32", "active"),
    "pcx-supernet": ("active", "vpc-req", "10.0.0.0/8", "active"),
    "pcx-default-v4": ("active", "vpc-req", "0.0.0.0/0", "active"),
    "pcx-default-v6": ("active", "vpc-req", "::/0", "active"),
    "pcx-second-block": ("active", "vpc-req", "100.64.0.0/24", "active"),
    "pcx-inside-second-block": ("active", "vpc-req", "100.64.0.0/28", "active"),
    "pcx-v6-whole": ("active", "vpc-req", "2600:1f18:bb:200::/56", "active"),
    "pcx-v6-supernet": ("active", "vpc-req", "2600:1f18::/32", "active"),
    "pcx-v6-subnet": ("active", "vpc-req", "2600:1f18:bb:201::/64", "active"),
    # the route's own VPC's block is not the peer's: only the other end counts
    "pcx-own-block": ("active", "vpc-req", "10.10.0.0/16", "active"),
    "pcx-accepter-side": ("active", "vpc-acc", "10.10.0.0/16", "active"),
    "pcx-accepter-side-v6": ("active", "vpc-acc", "2600:1f18:aa:100::/56", "active"),
    "pcx-accepter-side-narrow": ("active", "vpc-acc", "10.30.0.0/16", "active"),
    "pcx-pending-blackhole": ("pending-acceptance", "vpc-req", "10.30.0.0/16", "blackhole"),
    "pcx-deleted-blackhole": ("deleted", "vpc-req", "10.30.0.0/16", "blackhole"),
    "pcx-prefix-list": ("active", "vpc-req", "pl-0123456789abcdef0", "active"),
    "pcx-unused": ("active", None, None, None),
}
FAILED = {
    "pcx-whole",
    "pcx-supernet",
    "pcx-default-v4",
    "pcx-default-v6",
    "pcx-second-block",
    "pcx-v6-whole",
    "pcx-v6-supernet",
    "pcx-accepter-side",
    "pcx-accepter-side-v6",
    "pcx-pending-blackhole",
}


def _peering(pcx: str, status: str, **extra: str) -> dict:
    return {
        "account_id": A,
        "region": REGION,
        "vpc_peering_connection_id": pcx,
        "arn": f"arn:aws:ec2:{REGION}:{A}:vpc-peering-connection/{pcx}",
        "status": status,
        "side": "both",
        "requester_vpc_id": "vpc-req",
        "requester_owner_id": A,
        "requester_region": REGION,
        "requester_cidr_blocks": json.dumps(REQ_V4),
        "requester_ipv6_cidr_blocks": json.dumps(REQ_V6),
        "accepter_vpc_id": "vpc-acc",
        "accepter_owner_id": A,
        "accepter_region": REGION,
        "accepter_cidr_blocks": json.dumps(ACC_V4),
        "accepter_ipv6_cidr_blocks": json.dumps(ACC_V6),
        **extra,
    }


def _route(pcx: str, vpc_id: str, destination: str, state: str, **extra: str) -> dict:
    return {
        "account_id": A,
        "region": REGION,
        "route_table_id": f"rtb-{vpc_id[4:]}",
        "vpc_id": vpc_id,
        "destination": destination,
        "target": pcx,
        "target_type": "vpc_peering_connection",
        "state": state,
        **extra,
    }


def inventory() -> Inventory:
    peerings = [_peering(pcx, status) for pcx, (status, *_) in CASES.items()]
    routes = [
        _route(pcx, vpc_id, destination, state)
        for pcx, (_, vpc_id, destination, state) in CASES.items()
        if vpc_id
    ]
    # B sees pcx-whole too (a copy of its ids), with no route of its own; the same peering id
    # in another region of A has no route either
    peerings.append(_peering("pcx-whole", "active", account_id=B, side="accepter"))
    peerings.append(_peering("pcx-whole", "active", region=OTHER_REGION))
    # B's routes through pcx-subnet are B's: they do not make A's row fail, nor the reverse
    peerings.append(_peering("pcx-subnet", "active", account_id=B))
    routes.append(_route("pcx-subnet", "vpc-req", "0.0.0.0/0", "active", account_id=B))
    # broad routes to other targets are none of this check's business
    routes += [
        {**_route("igw-1", "vpc-req", "0.0.0.0/0", "active"), "target_type": "internet_gateway"},
        {**_route("local", "vpc-req", "10.10.0.0/16", "active"), "target_type": "local"},
    ]
    return Inventory(
        {
            "ec2.vpc_peering_connections": TABLES["ec2.vpc_peering_connections"].frame(peerings),
            "ec2.route_tables": TABLES["ec2.route_tables"].frame(routes),
        }
    )


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    load_builtin()
    return CHECKS[CHECK](inventory())


def _rows(result: pd.DataFrame) -> dict[tuple[str, str, str], tuple[bool, str]]:
    keys = zip(result["account_id"], result["region"], result["resource_id"], strict=True)
    values = zip(result["failed"].astype(bool), result["detail"], strict=True)
    return dict(zip(keys, values, strict=True))


def test_one_row_per_account_region_and_peering(result: pd.DataFrame) -> None:
    rows = _rows(result)
    assert len(rows) == len(result) == len(CASES) + 3


def test_fails_exactly_the_broad_routes(result: pd.DataFrame) -> None:
    rows = _rows(result)
    failed = {key for key, (bad, _) in rows.items() if bad}
    assert failed == {(A, REGION, pcx) for pcx in FAILED} | {(B, REGION, "pcx-subnet")}
    assert rows[A, REGION, "pcx-subnet"][0] is False
    assert rows[B, REGION, "pcx-whole"] == (False, "no route uses it")
    assert rows[A, OTHER_REGION, "pcx-whole"] == (False, "no route uses it")


def test_details_name_the_route_table_destination_and_peer_blocks(result: pd.DataFrame) -> None:
    detail = {pcx: text for (account, region, pcx), (_, text) in _rows(result).items()
              if (account, region) == (A, REGION)}  # fmt: skip
    assert detail["pcx-whole"] == (
        "rtb-req routes 10.30.0.0/16, covering all of peer VPC vpc-acc (10.30.0.0/16)"
    )
    assert detail["pcx-supernet"] == (
        "rtb-req routes 10.0.0.0/8, covering all of peer VPC vpc-acc (10.30.0.0/16)"
    )
    assert detail["pcx-default-v4"] == (
        "rtb-req routes 0.0.0.0/0, a default route, covering all of peer VPC vpc-acc "
        "(10.30.0.0/16, 100.64.0.0/24)"
    )
    assert detail["pcx-default-v6"] == (
        "rtb-req routes ::/0, a default route, covering all of peer VPC vpc-acc "
        "(2600:1f18:bb:200::/56)"
    )
    assert detail["pcx-second-block"].endswith("covering all of peer VPC vpc-acc (100.64.0.0/24)")
    assert detail["pcx-accepter-side"] == (
        "rtb-acc routes 10.10.0.0/16, covering all of peer VPC vpc-req (10.10.0.0/16)"
    )
    assert detail["pcx-pending-blackhole"].startswith("rtb-req routes 10.30.0.0/16 (blackhole), ")
    assert detail["pcx-subnet"] == "routes narrower than the peer VPC: rtb-req routes 10.30.10.0/24"
    assert detail["pcx-prefix-list"] == (
        "routes narrower than the peer VPC: rtb-req routes pl-0123456789abcdef0"
    )
    assert detail["pcx-deleted-blackhole"] == "no route uses it"
    assert detail["pcx-unused"] == "no route uses it"


def test_several_broad_routes_are_all_listed() -> None:
    load_builtin()
    inv = inventory()
    routes = inv["ec2.route_tables"]
    more = TABLES["ec2.route_tables"].frame(
        [_route("pcx-whole", "vpc-req", "100.64.0.0/16", "active", route_table_id="rtb-other")]
    )
    tables = dict(inv.items())
    tables["ec2.route_tables"] = pd.concat([routes, more], ignore_index=True)
    result = CHECKS[CHECK](Inventory(tables))
    text = _rows(result)[A, REGION, "pcx-whole"][1]
    assert text == (
        "rtb-other routes 100.64.0.0/16, covering all of peer VPC vpc-acc (100.64.0.0/24); "
        "rtb-req routes 10.30.0.0/16, covering all of peer VPC vpc-acc (10.30.0.0/16)"
    )


@pytest.mark.parametrize(
    ("destination", "blocks", "covered"),
    [
        ("10.30.0.0/16", ["10.30.0.0/16"], ["10.30.0.0/16"]),
        ("10.30.0.0/15", ["10.30.0.0/16", "10.31.0.0/16"], ["10.30.0.0/16", "10.31.0.0/16"]),
        ("10.30.0.0/17", ["10.30.0.0/16"], []),
        ("10.30.0.0/16", ["10.30.0.0/16", "2600:1f18:bb:200::/56"], ["10.30.0.0/16"]),
        ("::/0", ["10.30.0.0/16", "2600:1f18:bb:200::/56"], ["2600:1f18:bb:200::/56"]),
        ("2600:1f18:bb:200::/57", ["2600:1f18:bb:200::/56"], []),
        ("0.0.0.0/0", [], []),
        ("pl-0123", ["10.30.0.0/16"], None),
        ("10.30.0.0/16", ["not-a-block"], []),
    ],
)
def test_covered_blocks(destination: str, blocks: list[str], covered: list[str] | None) -> None:
    assert covered_blocks(destination, blocks) == covered


def test_too_broad() -> None:
    assert too_broad("0.0.0.0/0", []) == "a default route"
    assert too_broad("::/0", ["10.0.0.0/16"]) == "a default route"
    assert too_broad("10.0.0.0/8", ["10.1.0.0/16"], "peer VPC vpc-x") == (
        "covering all of peer VPC vpc-x (10.1.0.0/16)"
    )
    assert too_broad("10.1.2.0/24", ["10.1.0.0/16"]) is None
    assert too_broad("pl-1", ["10.1.0.0/16"]) is None


def test_empty_tables() -> None:
    load_builtin()
    inv = Inventory({name: TABLES[name].empty() for name in CHECKS[CHECK].tables})
    result = CHECKS[CHECK](inv)
    assert result.empty and {"account_id", "resource_id", "failed", "detail"} <= set(result)


def test_compliance_maps_cis_5_5() -> None:
    load_builtin()
    assert CHECKS[CHECK].frameworks.get("CIS-3.0") == ("5.5",)
