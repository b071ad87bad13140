"""EC2 FSBP checks of VPC endpoints (EC2.55 to EC2.60) and unused network ACLs (EC2.16) on small
inventories built by hand: which VPCs and ACLs FAIL and PASS, and why. Account B reuses A's VPC
id so that joins must key on the account too."""

from __future__ import annotations

import json

import pytest
from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"
EAST = "us-east-1"
ENDPOINT_CHECKS = {
    "ec2_vpc_no_ecr_api_endpoint": ("ecr.api", "EC2.55"),
    "ec2_vpc_no_ecr_docker_endpoint": ("ecr.dkr", "EC2.56"),
    "ec2_vpc_no_ssm_endpoint": ("ssm", "EC2.57"),
    "ec2_vpc_no_ssm_contacts_endpoint": ("ssm-contacts", "EC2.58"),
    "ec2_vpc_no_ssm_incidents_endpoint": ("ssm-incidents", "EC2.60"),
}
NACL = "ec2_network_acl_unused"
PORTS = "ec2_security_group_open_unauthorized_port"


def rows(table: str, *items: dict) -> object:
    return TABLES[table].frame({"region": EAST, **item} for item in items)


def vpc(account: str, vpc_id: str, **fields) -> dict:
    arn = f"arn:aws:ec2:{EAST}:{account}:vpc/{vpc_id}"
    return {"account_id": account, "vpc_id": vpc_id, "arn": arn, **fields}


def endpoint(account: str, vpc_id: str, service: str, **fields) -> dict:
    return {
        "account_id": account,
        "vpc_endpoint_id": f"vpce-{vpc_id}-{service}",
        "vpc_id": vpc_id,
        "service_name": f"com.amazonaws.{EAST}.{service}",
        "vpc_endpoint_type": "Interface",
        "state": "available",
        **fields,
    }


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, (_, control) in ENDPOINT_CHECKS.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
    assert CHECKS[NACL].frameworks == {"AWS-FSBP": ("EC2.16",)}
    assert CHECKS[PORTS].frameworks == {"AWS-FSBP": ("EC2.18",)}


@pytest.mark.parametrize("check", sorted(ENDPOINT_CHECKS))
def test_only_a_live_interface_endpoint_for_the_service_passes_a_vpc(check: str) -> None:
    service, _ = ENDPOINT_CHECKS[check]
    inv = Inventory(
        {
            "ec2.vpcs": rows(
                "ec2.vpcs",
                vpc(A, "vpc-ok"),
                vpc(A, "vpc-none", in_use=False),
                vpc(A, "vpc-failed"),
                vpc(A, "vpc-gateway"),
                vpc(A, "vpc-other"),
                vpc(B, "vpc-ok"),
            ),
            "ec2.vpc_endpoints": rows(
                "ec2.vpc_endpoints",
                endpoint(A, "vpc-ok", service),
                endpoint(A, "vpc-failed", service, state="Failed"),
                endpoint(A, "vpc-gateway", service, vpc_endpoint_type="Gateway"),
                endpoint(A, "vpc-other", "ec2"),
            ),
        }
    )
    everything = toolkit.run_checks(inv, checks=check)
    in_a = everything[everything["account_id"] == A]
    found = dict(
        zip(
            in_a["resource_id"],
            zip(in_a["status"].astype(str), in_a["detail"], strict=True),
            strict=True,
        )
    )
    name = f"com.amazonaws.{EAST}.{service}"
    assert found["vpc-ok"] == ("PASS", f"interface endpoint for {service}: vpce-vpc-ok-{service}")
    assert found["vpc-none"] == ("FAIL", f"no interface endpoint for {name}; unused")
    for failing in ("vpc-failed", "vpc-gateway", "vpc-other"):
        assert found[failing] == ("FAIL", f"no interface endpoint for {name}"), failing
    # B's vpc-ok has none of A's endpoints: the result is keyed by account as well
    in_b = everything[everything["account_id"] == B]
    assert in_b["status"].astype(str).tolist() == ["FAIL"]


def acl_entry(account: str, acl_id: str, subnets: list[str], **fields) -> dict:
    return {
        "account_id": account,
        "network_acl_id": acl_id,
        "vpc_id": "vpc-1",
        "is_default": False,
        "associated_subnet_ids": json.dumps(sorted(subnets)),
        "rule_number": 100,
        "egress": False,
        "protocol": "-1",
        "rule_action": "allow",
        "cidr_block": "10.0.0.0/16",
        **fields,
    }


def test_custom_acls_without_subnets_fail_default_acls_are_not_judged() -> None:
    entries = rows(
        "ec2.network_acls",
        acl_entry(A, "acl-used", ["subnet-2", "subnet-1"]),
        acl_entry(A, "acl-used", ["subnet-2", "subnet-1"], egress=True),
        acl_entry(A, "acl-orphan", []),
        acl_entry(A, "acl-orphan", [], egress=True),
        acl_entry(A, "acl-default", [], is_default=True),
        acl_entry(B, "acl-used", []),
    )
    inv = Inventory({"ec2.network_acls": entries})
    result = CHECKS[NACL](inv)
    assert len(result) == 3  # one row per (account, ACL); the default ACL has none
    assert results(inv, NACL)["acl-orphan"] == ("FAIL", "governs no subnet")
    by_account = dict(
        zip(
            zip(result["account_id"], result["resource_id"], strict=True),
            result["failed"],
            strict=True,
        )
    )
    assert by_account == {(A, "acl-used"): False, (A, "acl-orphan"): True, (B, "acl-used"): True}
    detail = dict(zip(result["account_id"] + result["resource_id"], result["detail"], strict=True))
    assert detail[A + "acl-used"] == "governs subnet-1, subnet-2"
    assert set(result["resource_arn"]) >= {f"arn:aws:ec2:{EAST}:{A}:network-acl/acl-orphan"}


def test_only_tcp_80_and_443_may_be_open_to_the_internet() -> None:
    def group(group_id: str) -> dict:
        arn = f"arn:aws:ec2:{EAST}:{A}:security-group/{group_id}"
        return {"account_id": A, "group_id": group_id, "arn": arn, "vpc_id": "vpc-1"}

    def rule(group_id: str, protocol: str, low: int | None, high: int | None, **more) -> dict:
        return {
            "account_id": A,
            "group_id": group_id,
            "direction": "ingress",
            "protocol": protocol,
            "from_port": low,
            "to_port": high,
            "cidr_ipv4": "0.0.0.0/0",
            **more,
        }

    inv = Inventory(
        {
            "ec2.security_groups": rows(
                "ec2.security_groups",
                *(group(g) for g in ("sg-web", "sg-range", "sg-udp", "sg-all", "sg-icmp", "sg-in")),
            ),
            "ec2.security_group_rules": rows(
                "ec2.security_group_rules",
                rule("sg-web", "tcp", 80, 80),
                rule("sg-web", "tcp", 443, 443, cidr_ipv4=None, cidr_ipv6="::/0"),
                rule("sg-range", "tcp", 80, 443),
                rule("sg-udp", "udp", 443, 443),
                rule("sg-all", "-1", None, None),
                rule("sg-icmp", "icmp", -1, -1),
                rule("sg-in", "tcp", 22, 22, cidr_ipv4="10.0.0.0/8"),
            ),
        }
    )
    found = results(inv, PORTS)
    assert {g: status for g, (status, _) in found.items()} == {
        "sg-web": "PASS",
        "sg-range": "FAIL",
        "sg-udp": "FAIL",
        "sg-all": "FAIL",
        "sg-icmp": "PASS",
        "sg-in": "PASS",
    }
    assert found["sg-range"][1] == "tcp 80-443 from 0.0.0.0/0"
    assert found["sg-all"][1] == "all traffic from 0.0.0.0/0"
    assert found["sg-web"][1] == "only ports 80 and 443 open to the internet"
