"""The VPC peering table holds exactly what plain boto3 sees in the sandbox and what was seeded;
the CIS 5.5 check fails exactly the peering side planted with a route to a whole peer VPC."""

from __future__ import annotations

import json

import pytest
from census import assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "ec2.vpc_peering_connections"
CHECK = "ec2_vpc_peering_routes_not_least_access"
KEY = ["account_id", "region", "vpc_peering_connection_id"]


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, KEY)


def _end(info: dict) -> dict:
    """One end of a peering as boto3 states it, in the table's terms."""
    blocks = [b["CidrBlock"] for b in info.get("CidrBlockSet") or []] or [info["CidrBlock"]]
    return {
        "vpc_id": info["VpcId"],
        "owner_id": info["OwnerId"],
        "region": info["Region"],
        "cidr_blocks": blocks,
        "ipv6_cidr_blocks": [b["Ipv6CidrBlock"] for b in info.get("Ipv6CidrBlockSet") or []],
        "allow_dns_resolution": info["PeeringOptions"]["AllowDnsResolutionFromRemoteVpc"],
    }


def test_peerings_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    seen = 0
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            ec2 = sandbox.client(session, "ec2", region)
            listed = [
                p
                for page in ec2.get_paginator("describe_vpc_peering_connections").paginate()
                for p in page["VpcPeeringConnections"]
            ]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["vpc_peering_connection_id"]) == sorted(
                p["VpcPeeringConnectionId"] for p in listed
            )
            rows = here.set_index("vpc_peering_connection_id")
            for peering in listed:
                row = rows.loc[peering["VpcPeeringConnectionId"]]
                assert row["status"] == peering["Status"]["Code"]
                assert row["status_message"] == peering["Status"]["Message"]
                tags = {t["Key"]: t["Value"] for t in peering.get("Tags") or []}
                assert json.loads(row["tags"]) == tags
                assert row["name"] == tags.get("Name")
                ends = {
                    "requester": _end(peering["RequesterVpcInfo"]),
                    "accepter": _end(peering["AccepterVpcInfo"]),
                }
                for end, info in ends.items():
                    for column, value in info.items():
                        got = row[f"{end}_{column}"]
                        if column.endswith("blocks"):
                            got = json.loads(got)
                        assert got == value, (end, column)
                owners = {ends["requester"]["owner_id"], ends["accepter"]["owner_id"]}
                side = (
                    "both"
                    if owners == {account_id}
                    else "requester"
                    if ends["requester"]["owner_id"] == account_id
                    else "accepter"
                )
                assert row["side"] == side
                assert row["arn"] == (
                    f"arn:aws:ec2:{ends['requester']['region']}:{ends['requester']['owner_id']}"
                    f":vpc-peering-connection/{peering['VpcPeeringConnectionId']}"
                )
                seen += 1
    assert seen == len(frame) > 0


def test_seeded_peerings_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    """Each seeded peering is a row in both accounts (they differ), active, with its ends."""
    frame = inventory[TABLE]
    vpcs = {v["id"]: v for v in sandbox.truth.vpcs}
    expected = set()
    for peering in sandbox.truth.vpc_peerings:
        assert peering["requester_account_id"] != peering["accepter_account_id"]
        for account_id, side in (
            (peering["requester_account_id"], "requester"),
            (peering["accepter_account_id"], "accepter"),
        ):
            expected.add((account_id, peering["region"], peering["vpc_peering_connection_id"]))
            row = frame[
                (frame["account_id"] == account_id)
                & (frame["vpc_peering_connection_id"] == peering["vpc_peering_connection_id"])
            ].iloc[0]
            assert row["region"] == peering["region"]
            assert row["side"] == side
            assert row["status"] == peering["status"] == "active"
            assert row["name"] == peering["name"]
            for end in ("requester", "accepter"):
                vpc = vpcs[peering[f"{end}_vpc_id"]]
                assert row[f"{end}_vpc_id"] == vpc["id"]
                assert row[f"{end}_owner_id"] == peering[f"{end}_account_id"] == vpc["account_id"]
                assert row[f"{end}_region"] == vpc["region"]
                assert json.loads(row[f"{end}_cidr_blocks"]) == [peering[f"{end}_cidr"]]
                assert json.loads(row[f"{end}_ipv6_cidr_blocks"]) == (
                    [vpc["ipv6_cidr"]] if vpc["ipv6_cidr"] else []
                )
    assert set(zip(*(frame[k] for k in KEY), strict=True)) == expected
    assert len(sandbox.truth.vpc_peerings) == 2


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["ec2.DescribeVpcPeeringConnections"] == units


def test_the_check_fails_exactly_the_planted_peering_side(sandbox: Sandbox) -> None:
    tables = [TABLE, "ec2.route_tables"]
    inventory = toolkit.collect_sync(sandbox.scope(), tables=tables, progress=False)
    findings = toolkit.run_checks(inventory, checks=CHECK)
    status = {
        (a, r, p): str(s)
        for a, r, p, s in zip(
            findings["account_id"],
            findings["region"],
            findings["resource_id"],
            findings["status"],
            strict=True,
        )
    }
    # one finding per (account, peering) the table holds
    assert sorted(status) == sorted(zip(*(inventory[TABLE][k] for k in KEY), strict=True))
    planted = {
        (p["account_id"], p["region"], p["resource_id"])
        for p in sandbox.truth.planted
        if p["check"] == CHECK
    }
    assert len(planted) == 1
    assert {k for k, s in status.items() if s == "FAIL"} == planted
    assert {s for k, s in status.items() if k not in planted} == {"PASS"}
    detail = findings.set_index(["account_id", "resource_id"])["detail"]
    for peering in sandbox.truth.vpc_peerings:
        pcx = peering["vpc_peering_connection_id"]
        for route in peering["routes"]:
            text = detail[route["account_id"], pcx]
            assert f"{route['route_table_id']} routes {route['destination']}" in text
            requester = route["vpc_id"] == peering["requester_vpc_id"]
            peer_vpc = peering["accepter_vpc_id" if requester else "requester_vpc_id"]
            peer_cidr = peering["accepter_cidr" if requester else "requester_cidr"]
            whole = route["destination"] == peer_cidr
            assert (route["account_id"], peering["region"], pcx) in planted or not whole
            if whole:
                assert text == (
                    f"{route['route_table_id']} routes {peer_cidr}, covering all of peer VPC "
                    f"{peer_vpc} ({peer_cidr})"
                )
            else:
                assert text.startswith("routes narrower than the peer VPC: ")
