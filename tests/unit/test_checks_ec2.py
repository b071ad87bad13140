"""EC2 and VPC checks, on small hand-made inventories (no sandbox).

Account A holds most resources in us-east-1; account B reuses some of A's ids (a security group,
a VPC) so that every join must key on the account and region too. Each test states which
resources FAIL and which PASS, port-range and protocol edge cases included.
"""

from __future__ import annotations

import json
import re
import string

import pandas as pd
import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"
REGION = "us-east-1"
EC2_CHECKS = {
    "ec2_network_acl_open_admin_port",
    "ec2_security_group_open_admin_port",
    "ec2_security_group_open_admin_port_ipv6",
    "ec2_security_group_open_all_ports",
    "ec2_security_group_open_high_risk_port",
    "ec2_default_security_group_allows_traffic",
    "ec2_instance_imdsv1",
    "ec2_instance_public_admin_port",
    "ec2_instance_public_ip",
    "ec2_instance_no_instance_profile",
    "ec2_vpc_flow_logs_disabled",
    "ec2_subnet_auto_assign_public_ip",
    "ec2_ebs_encryption_by_default_disabled",
    "ec2_volume_unencrypted",
    "ec2_vpc_peering_routes_not_least_access",
    # FSBP checks of the compute tables, with their own tests (test_checks_ec2_compute.py)
    "ec2_snapshot_public",
    "ec2_launch_template_public_ip",
    "ec2_launch_template_imdsv1",
    "ec2_transit_gateway_auto_accept_attachments",
    "ec2_vpc_no_ec2_endpoint",
    # FSBP checks with their own tests (test_checks_ec2_fsbp.py)
    "ec2_network_acl_unused",
    "ec2_security_group_open_unauthorized_port",
    "ec2_vpc_no_ecr_api_endpoint",
    "ec2_vpc_no_ecr_docker_endpoint",
    "ec2_vpc_no_ssm_endpoint",
    "ec2_vpc_no_ssm_contacts_endpoint",
    "ec2_vpc_no_ssm_incidents_endpoint",
}
EC2_TABLES = sorted(name for name in TABLES if name.startswith("ec2."))


def frame(table: str, *rows: dict) -> pd.DataFrame:
    return TABLES[table].frame({"account_id": A, "region": REGION, **row} for row in rows)


def _keys(result: pd.DataFrame) -> pd.Series:
    """A's resources by their id, B's as ``B:id``: unique across both accounts."""
    ids = result["resource_id"].astype(str)
    return ids.where(result["account_id"] == A, "B:" + ids)


def outcome(inv: Inventory, check_id: str) -> dict[str, bool]:
    """resource -> failed, for one check (one result per resource)."""
    load_builtin()
    result = CHECKS[check_id](inv)
    keys = _keys(result)
    assert keys.is_unique, result
    return dict(zip(keys, result["failed"].astype(bool), strict=True))


def details(inv: Inventory, check_id: str) -> dict[str, str]:
    result = CHECKS[check_id](inv)
    return dict(zip(_keys(result), result["detail"], strict=True))


def fails(inv: Inventory, check_id: str) -> set[str]:
    return {r for r, failed in outcome(inv, check_id).items() if failed}


def passes(inv: Inventory, check_id: str) -> set[str]:
    return {r for r, failed in outcome(inv, check_id).items() if not failed}


# -- security groups -------------------------------------------------------------------------
def rule(group_id: str, protocol: str, ports: tuple | None, source: str, **extra) -> dict:
    """One security group rule; ``ports`` (from, to), None for protocol -1."""
    low, high = ports or (None, None)
    cidr = {"cidr_ipv6": source} if ":" in source else {"cidr_ipv4": source}
    if source.startswith("sg-"):
        cidr = {"referenced_group_id": source}
    return {
        "group_id": group_id,
        "group_name": extra.pop("group_name", group_id),
        "vpc_id": "vpc-a",
        "direction": extra.pop("direction", "ingress"),
        "protocol": protocol,
        "from_port": low,
        "to_port": high,
        "open_to_internet": source in ("0.0.0.0/0", "::/0"),
        **cidr,
        **extra,
    }


#: group id -> its rules (account A unless stated)
RULES = {
    "sg-ssh": [("tcp", (22, 22), "0.0.0.0/0")],
    "sg-range": [("tcp", (0, 1024), "0.0.0.0/0")],
    "sg-web-range": [("tcp", (80, 443), "0.0.0.0/0")],
    "sg-web": [("tcp", (80, 80), "0.0.0.0/0"), ("tcp", (443, 443), "::/0")],
    "sg-all": [("-1", None, "0.0.0.0/0")],
    "sg-full-tcp6": [("tcp", (0, 65535), "::/0")],
    "sg-full-udp": [("udp", (1, 65535), "0.0.0.0/0")],
    "sg-almost-full": [("tcp", (1, 65534), "0.0.0.0/0")],
    "sg-ssh6": [("tcp", (22, 22), "::/0")],
    "sg-rdp-udp": [("udp", (3389, 3389), "0.0.0.0/0")],
    "sg-rdp-number": [("6", (3389, 3389), "0.0.0.0/0")],
    "sg-above-rdp": [("tcp", (3390, 3999), "0.0.0.0/0")],
    "sg-private": [("tcp", (22, 22), "10.0.0.0/8"), ("-1", None, "192.168.0.0/16")],
    "sg-icmp": [("icmp", (-1, -1), "0.0.0.0/0"), ("icmpv6", (-1, -1), "::/0")],
    "sg-referenced": [("tcp", (22, 22), "sg-ssh")],
    "sg-mysql": [("tcp", (3306, 3306), "0.0.0.0/0")],
    "sg-egress": [("-1", None, "0.0.0.0/0", "egress")],
    "sg-shared": [("tcp", (22, 22), "0.0.0.0/0")],
    "sg-empty": [],
}


def security_groups() -> dict[str, pd.DataFrame]:
    rules = [
        rule(group_id, protocol, ports, source, direction=(rest or ("ingress",))[0])
        for group_id, specs in RULES.items()
        for protocol, ports, source, *rest in specs
    ]
    groups = [
        {"group_id": g, "arn": f"arn:aws:ec2:{REGION}:{A}:security-group/{g}", "group_name": g,
         "vpc_id": "vpc-a", "ingress_rule_count": len(specs), "egress_rule_count": 0}
        for g, specs in RULES.items()
    ]  # fmt: skip
    # account B has a group with the same id as A's open one, closed
    other = {"account_id": B, "group_id": "sg-shared", "group_name": "sg-shared", "vpc_id": "vpc-a"}
    return {
        "ec2.security_groups": frame("ec2.security_groups", *groups, other),
        "ec2.security_group_rules": frame(
            "ec2.security_group_rules",
            *rules,
            {**rule("sg-shared", "tcp", (22, 22), "10.0.0.0/8"), "account_id": B},
        ),
    }


def groups_inventory() -> Inventory:
    return Inventory(security_groups())


def every_group() -> set[str]:
    return set(RULES)


def test_open_admin_port_ipv4() -> None:
    inv = groups_inventory()
    failing = {"sg-ssh", "sg-range", "sg-all", "sg-full-udp", "sg-almost-full", "sg-rdp-udp",
               "sg-rdp-number", "sg-shared"}  # fmt: skip
    assert fails(inv, "ec2_security_group_open_admin_port") == failing
    assert passes(inv, "ec2_security_group_open_admin_port") >= every_group() - failing
    # 80-443 misses 22 and 3389; ::/0 is not 0.0.0.0/0; ports 3390+ miss 3389
    assert {"sg-web-range", "sg-ssh6", "sg-full-tcp6", "sg-above-rdp"} <= passes(
        inv, "ec2_security_group_open_admin_port"
    )
    # the same id in account B is closed: rules never leak across accounts
    assert "B:sg-shared" in passes(inv, "ec2_security_group_open_admin_port")
    text = details(inv, "ec2_security_group_open_admin_port")
    assert text["sg-range"] == "tcp 0-1024 from 0.0.0.0/0"
    assert text["sg-all"] == "all traffic from 0.0.0.0/0"
    assert text["sg-rdp-udp"] == "udp 3389 from 0.0.0.0/0"


def test_detail_names_the_rule_id() -> None:
    """With AWS's rule id in the inventory, the detail names the very rule to revoke."""
    tables = security_groups()
    rules = tables["ec2.security_group_rules"]
    ids = {"sg-ssh": "sgr-0ssh", "sg-all": "sgr-0all"}
    rules["security_group_rule_id"] = rules["group_id"].map(ids).astype("string")
    inv = Inventory(tables)
    text = details(inv, "ec2_security_group_open_admin_port")
    assert text["sg-ssh"] == "tcp 22 from 0.0.0.0/0 (sgr-0ssh)"
    assert text["sg-all"] == "all traffic from 0.0.0.0/0 (sgr-0all)"
    assert text["sg-range"] == "tcp 0-1024 from 0.0.0.0/0"  # no id known: none named
    assert fails(inv, "ec2_security_group_open_admin_port") == fails(
        groups_inventory(), "ec2_security_group_open_admin_port"
    )


def test_open_admin_port_ipv6() -> None:
    inv = groups_inventory()
    assert fails(inv, "ec2_security_group_open_admin_port_ipv6") == {"sg-ssh6", "sg-full-tcp6"}
    assert {"sg-ssh", "sg-all", "sg-web"} <= passes(inv, "ec2_security_group_open_admin_port_ipv6")
    assert details(inv, "ec2_security_group_open_admin_port_ipv6")["sg-full-tcp6"] == (
        "tcp 0-65535 from ::/0"
    )


def test_open_all_ports() -> None:
    inv = groups_inventory()
    failing = {"sg-all", "sg-full-tcp6", "sg-full-udp"}
    assert fails(inv, "ec2_security_group_open_all_ports") == failing
    # 1-65534 stops short; 0-1024 is a range; private and egress-only rules do not count
    assert {"sg-almost-full", "sg-range", "sg-private", "sg-egress", "sg-icmp"} <= passes(
        inv, "ec2_security_group_open_all_ports"
    )


def test_open_high_risk_port() -> None:
    inv = groups_inventory()
    failing = fails(inv, "ec2_security_group_open_high_risk_port")
    # 80-443 includes POP3 (110), RPC (135) and IMAP (143); 3390-3999 holds no high-risk port
    assert failing == {"sg-ssh", "sg-range", "sg-web-range", "sg-all", "sg-full-tcp6",
                       "sg-full-udp", "sg-almost-full", "sg-ssh6", "sg-rdp-udp", "sg-rdp-number",
                       "sg-mysql", "sg-shared"}  # fmt: skip
    assert {"sg-web", "sg-above-rdp", "sg-private", "sg-icmp", "sg-egress"} <= passes(
        inv, "ec2_security_group_open_high_risk_port"
    )


def test_default_security_group() -> None:
    groups = frame(
        "ec2.security_groups",
        {"group_id": "sg-d1", "group_name": "default", "ingress_rule_count": 1,
         "egress_rule_count": 1},
        {"group_id": "sg-d2", "group_name": "default", "ingress_rule_count": 0,
         "egress_rule_count": 1},
        {"group_id": "sg-d3", "group_name": "default", "ingress_rule_count": 0,
         "egress_rule_count": 0},
        {"group_id": "sg-app", "group_name": "app", "ingress_rule_count": 3,
         "egress_rule_count": 1},
    )  # fmt: skip
    inv = Inventory({"ec2.security_groups": groups})
    assert outcome(inv, "ec2_default_security_group_allows_traffic") == {
        "sg-d1": True,
        "sg-d2": True,  # moto's default groups: no inbound rule, all outbound
        "sg-d3": False,
    }  # non-default groups are not evaluated
    assert details(inv, "ec2_default_security_group_allows_traffic")["sg-d2"] == (
        "0 inbound, 1 outbound rule(s)"
    )


# -- network ACLs ----------------------------------------------------------------------------
def entry(acl: str, number: int, action: str, protocol: str, ports, source: str, egress=False):
    low, high = ports or (None, None)
    cidr = {"ipv6_cidr_block": source} if ":" in source else {"cidr_block": source}
    return {"network_acl_id": acl, "vpc_id": "vpc-a", "is_default": False,
            "associated_subnet_ids": "[]", "rule_number": number, "egress": egress,
            "protocol": protocol, "rule_action": action, "from_port": low, "to_port": high,
            **cidr}  # fmt: skip


def acls_inventory() -> Inventory:
    catch_all = [("deny", "-1", None, "0.0.0.0/0")]
    acls = {
        # AWS's default ACL: allow everything, then the catch-all deny
        "acl-default": [(100, "allow", "-1", None, "0.0.0.0/0")],
        # an earlier deny for each admin port protects it
        "acl-denied": [(50, "deny", "6", (22, 22), "0.0.0.0/0"),
                       (60, "deny", "-1", None, "0.0.0.0/0"),
                       (100, "allow", "-1", None, "0.0.0.0/0")],
        # only SSH is denied: RDP still passes rule 100
        "acl-ssh-denied": [(50, "deny", "6", (22, 22), "0.0.0.0/0"),
                           (100, "allow", "-1", None, "0.0.0.0/0")],
        # the deny comes after the allow: too late
        "acl-late-deny": [(100, "allow", "6", (22, 22), "0.0.0.0/0"),
                          (200, "deny", "6", (22, 22), "0.0.0.0/0")],
        "acl-range": [(100, "allow", "6", (0, 1024), "0.0.0.0/0")],
        "acl-udp-rdp": [(100, "allow", "17", (3380, 3400), "0.0.0.0/0")],
        "acl-web": [(100, "allow", "6", (80, 443), "0.0.0.0/0")],
        "acl-private": [(100, "allow", "-1", None, "10.0.0.0/8")],
        "acl-icmp": [(100, "allow", "1", None, "0.0.0.0/0")],
        "acl-ipv6": [(100, "allow", "6", (22, 22), "::/0")],
        # a narrower deny does not close the port to the internet at large
        "acl-narrow-deny": [(50, "deny", "-1", None, "203.0.113.0/24"),
                            (100, "allow", "6", (3389, 3389), "0.0.0.0/0")],
    }  # fmt: skip
    rows = [
        entry(acl, number, action, protocol, ports, source)
        for acl, entries in acls.items()
        for number, action, protocol, ports, source in entries
    ] + [
        entry(acl, 32767, action, protocol, ports, source, egress=egress)
        for acl in acls
        for egress in (False, True)
        for action, protocol, ports, source in catch_all
    ]
    # outbound entries never count
    rows.append(entry("acl-egress-only", 100, "allow", "-1", None, "0.0.0.0/0", egress=True))
    return Inventory({"ec2.network_acls": frame("ec2.network_acls", *rows)})


def test_network_acl_open_admin_port() -> None:
    inv = acls_inventory()
    failing = {"acl-default", "acl-ssh-denied", "acl-late-deny", "acl-range", "acl-udp-rdp",
               "acl-ipv6", "acl-narrow-deny"}  # fmt: skip
    assert fails(inv, "ec2_network_acl_open_admin_port") == failing
    assert passes(inv, "ec2_network_acl_open_admin_port") == {
        "acl-denied",
        "acl-web",
        "acl-private",
        "acl-icmp",
        "acl-egress-only",
    }
    text = details(inv, "ec2_network_acl_open_admin_port")
    assert text["acl-ssh-denied"] == "rule 100 allows 0.0.0.0/0 to port 3389"
    assert text["acl-default"] == (
        "rule 100 allows 0.0.0.0/0 to port 22; rule 100 allows 0.0.0.0/0 to port 3389"
    )
    assert text["acl-ipv6"] == "rule 100 allows ::/0 to port 22"
    arns = CHECKS["ec2_network_acl_open_admin_port"](inv)["resource_arn"]
    assert (arns.str.startswith(f"arn:aws:ec2:{REGION}:{A}:network-acl/acl-")).all()


# -- instances -------------------------------------------------------------------------------
def instance(instance_id: str, account_id: str = A, **values) -> dict:
    base = {
        "instance_id": instance_id,
        "account_id": account_id,
        "arn": f"arn:aws:ec2:{REGION}:{account_id}:instance/{instance_id}",
        "state": "running",
        "imds_http_tokens": "required",
        "imds_http_endpoint": "enabled",
        "imds_v2_required": True,
        "security_group_ids": "[]",
    }
    if "groups" in values:
        values["security_group_ids"] = json.dumps(values.pop("groups"))
    return {**base, **values}


def instances_inventory() -> Inventory:
    rows = [
        instance("i-bastion", public_ip="198.51.100.1", groups=["sg-ssh"]),
        instance("i-private", groups=["sg-all"]),
        instance("i-web", public_ip="198.51.100.2", groups=["sg-web", "sg-web-range"]),
        instance("i-multi", public_ip="198.51.100.3", groups=["sg-web", "sg-range"]),
        instance("i-wide", public_ip="198.51.100.4", groups=["sg-all"]),
        instance("i-ipv6", public_ip="198.51.100.5", groups=["sg-ssh6", "sg-full-tcp6"]),
        instance("i-rdp", public_ip="198.51.100.6", groups=["sg-above-rdp", "sg-rdp-udp"]),
        instance("i-no-groups", public_ip="198.51.100.7"),
        # B's sg-shared is closed, though A's group of that id is open
        instance("i-other-account", account_id=B, public_ip="198.51.100.8", groups=["sg-shared"]),
        instance("i-gone", state="terminated", public_ip="198.51.100.9", groups=["sg-ssh"]),
        instance("i-v1", imds_http_tokens="optional", imds_v2_required=False,
                 iam_instance_profile_arn=f"arn:aws:iam::{A}:instance-profile/app"),
        instance("i-v1-off", imds_http_tokens="optional", imds_v2_required=False,
                 imds_http_endpoint="disabled"),
        instance("i-stopped", state="stopped", imds_http_tokens="optional",
                 imds_v2_required=False),
    ]  # fmt: skip
    return Inventory({"ec2.instances": frame("ec2.instances", *rows), **security_groups()})


def test_instance_public_admin_port() -> None:
    inv = instances_inventory()
    assert fails(inv, "ec2_instance_public_admin_port") == {
        "i-bastion",
        "i-multi",  # through its second group
        "i-wide",
        "i-rdp",  # udp 3389
    }
    assert passes(inv, "ec2_instance_public_admin_port") == {
        "i-private",  # open group, but no public IP
        "i-web",
        "i-ipv6",  # ::/0 rules do not expose the public IPv4 address
        "i-no-groups",
        "B:i-other-account",
        "i-v1",
        "i-v1-off",
        "i-stopped",
    }  # terminated instances are not evaluated
    text = details(inv, "ec2_instance_public_admin_port")
    assert text["i-multi"] == "public IP 198.51.100.3; sg-range: tcp 0-1024 from 0.0.0.0/0"
    assert text["i-private"] == "no public IP; sg-all: all traffic from 0.0.0.0/0"
    assert text["i-web"] == "public IP 198.51.100.2, ports 22 and 3389 closed to 0.0.0.0/0"


def test_instance_imdsv1() -> None:
    inv = instances_inventory()
    assert fails(inv, "ec2_instance_imdsv1") == {"i-v1", "i-stopped"}
    assert {"i-bastion", "i-v1-off", "i-web"} <= passes(inv, "ec2_instance_imdsv1")
    assert "i-gone" not in outcome(inv, "ec2_instance_imdsv1")
    assert details(inv, "ec2_instance_imdsv1")["i-v1"] == "http tokens: optional, endpoint: enabled"


def test_instance_public_ip_and_profile() -> None:
    inv = instances_inventory()
    public = {"i-bastion", "i-web", "i-multi", "i-wide", "i-ipv6", "i-rdp", "i-no-groups",
              "B:i-other-account"}  # fmt: skip
    assert fails(inv, "ec2_instance_public_ip") == public
    assert passes(inv, "ec2_instance_public_ip") == {"i-private", "i-v1", "i-v1-off", "i-stopped"}
    assert passes(inv, "ec2_instance_no_instance_profile") == {"i-v1"}
    assert "i-bastion" in fails(inv, "ec2_instance_no_instance_profile")
    assert "i-gone" not in outcome(inv, "ec2_instance_no_instance_profile")


# -- flow logs, subnets, EBS -----------------------------------------------------------------
def test_vpc_flow_logs() -> None:
    vpcs = frame(
        "ec2.vpcs",
        *({"vpc_id": v, "arn": f"arn:aws:ec2:{REGION}:{A}:vpc/{v}"} for v in string.ascii_lowercase[:6]),
        {"account_id": B, "vpc_id": "a"},
    )  # fmt: skip

    def flow_log(fl: str, resource: str, traffic: str, delivery: str = "SUCCESS") -> dict:
        return {"flow_log_id": fl, "resource_id": resource, "traffic_type": traffic,
                "log_destination_type": "s3", "log_destination": "arn:aws:s3:::logs",
                "status": "ACTIVE", "deliver_logs_status": delivery}  # fmt: skip

    logs = frame(
        "ec2.flow_logs",
        flow_log("fl-1", "a", "ALL"),
        flow_log("fl-2", "c", "ACCEPT"),  # accepted traffic only
        flow_log("fl-3", "d", "REJECT", "FAILED"),  # not delivered
        flow_log("fl-4", "subnet-e", "ALL"),  # a subnet's, not the VPC's
        flow_log("fl-5", "f", "REJECT"),
        flow_log("fl-6", "f", "ACCEPT"),
    )
    inv = Inventory({"ec2.vpcs": vpcs, "ec2.flow_logs": logs})
    result = CHECKS["ec2_vpc_flow_logs_disabled"](inv)
    got = dict(
        zip(
            zip(result["account_id"], result["resource_id"], strict=True),
            result["failed"],
            strict=True,
        )
    )
    assert got == {
        (A, "a"): False,
        (A, "b"): True,
        (A, "c"): True,
        (A, "d"): True,
        (A, "e"): True,
        (A, "f"): False,
        (B, "a"): True,  # A's flow log on "a" does not cover B's VPC of that id
    }
    text = dict(
        zip(
            zip(result["account_id"], result["resource_id"], strict=True),
            result["detail"],
            strict=True,
        )
    )
    assert text[A, "b"] == "no flow log on the VPC"
    assert text[A, "d"] == "no usable flow log: fl-3 (REJECT, ACTIVE, delivery FAILED)"
    assert text[A, "f"] == "flow log fl-5 (REJECT, ACTIVE, delivery SUCCESS)"


def test_subnet_auto_assign_public_ip() -> None:
    subnets = frame(
        "ec2.subnets",
        {"subnet_id": "subnet-auto", "map_public_ip_on_launch": True, "is_public": True},
        {"subnet_id": "subnet-manual", "map_public_ip_on_launch": False, "is_public": True},
        {"subnet_id": "subnet-unknown"},
    )
    inv = Inventory({"ec2.subnets": subnets})
    assert outcome(inv, "ec2_subnet_auto_assign_public_ip") == {
        "subnet-auto": True,
        "subnet-manual": False,
        "subnet-unknown": False,
    }


def test_ebs_encryption_by_default() -> None:
    defaults = TABLES["ec2.ebs_encryption_by_default"].frame(
        [
            {
                "account_id": A,
                "region": "us-east-1",
                "enabled": True,
                "kms_key_id": "alias/aws/ebs",
            },
            {"account_id": A, "region": "eu-west-1", "enabled": False},
            {"account_id": B, "region": "us-east-1", "enabled": False},
        ]
    )
    result = CHECKS["ec2_ebs_encryption_by_default_disabled"](
        Inventory({"ec2.ebs_encryption_by_default": defaults})
    )
    got = dict(
        zip(zip(result["account_id"], result["region"], strict=True), result["failed"], strict=True)
    )
    assert got == {(A, "us-east-1"): False, (A, "eu-west-1"): True, (B, "us-east-1"): True}
    assert list(result["resource_id"]) == [A, A, B]


def test_volume_unencrypted() -> None:
    volumes = frame(
        "ec2.volumes",
        {"volume_id": "vol-plain", "encrypted": False, "attached_instance_id": "i-1"},
        {"volume_id": "vol-loose", "encrypted": False},
        {"volume_id": "vol-kms", "encrypted": True, "kms_key_id": "arn:aws:kms:key/1"},
    )
    inv = Inventory({"ec2.volumes": volumes})
    assert outcome(inv, "ec2_volume_unencrypted") == {
        "vol-plain": True,
        "vol-loose": True,
        "vol-kms": False,
    }
    assert details(inv, "ec2_volume_unencrypted")["vol-plain"] == "unencrypted, attached to i-1"


# -- all checks together ---------------------------------------------------------------------
def test_metadata_is_complete() -> None:
    load_builtin()
    mine = {c.check_id: c for c in CHECKS.values() if c.service == "ec2"}
    assert set(mine) == EC2_CHECKS
    cis = set()
    for check in mine.values():
        assert check.check_id.startswith("ec2_") and check.builtin
        assert check.resource_type.startswith("AWS::")
        assert set(check.tables) <= set(EC2_TABLES)
        for name in ("title", "description", "risk", "remediation"):
            assert getattr(check, name).strip(), (check.check_id, name)
        if check.remediation_cli:
            assert check.remediation_cli.startswith("aws ec2 ")
            # placeholders are {snake_case}; shorthand like {CidrIp=...} is literal
            fields = set(re.findall(r"\{([a-z_]+)\}", check.remediation_cli))
            assert fields and fields <= {"resource_id", "account_id", "region"}, check.check_id
        cis.update(check.frameworks.get("CIS-3.0", ()))
    assert cis == {"1.18", "2.2.1", "3.7", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6"}


@pytest.mark.parametrize("check_id", sorted(EC2_CHECKS))
def test_empty_tables(check_id: str) -> None:
    inv = Inventory({name: TABLES[name].empty() for name in EC2_TABLES})
    result = CHECKS[check_id](inv)
    assert result.empty and {"account_id", "resource_id", "failed"} <= set(result.columns)


def test_run_checks_on_ec2() -> None:
    inv = instances_inventory()
    tables = dict(inv.items())
    tables.update(acls_inventory().items())
    for name in EC2_TABLES:
        tables.setdefault(name, TABLES[name].empty())
    findings = toolkit.run_checks(Inventory(tables), checks="ec2")
    # the other checks' tables are empty here: nothing to evaluate, no row
    assert set(findings["check_id"]) == {
        "ec2_network_acl_unused",
        "ec2_security_group_open_unauthorized_port",
        "ec2_network_acl_open_admin_port",
        "ec2_security_group_open_admin_port",
        "ec2_security_group_open_admin_port_ipv6",
        "ec2_security_group_open_all_ports",
        "ec2_security_group_open_high_risk_port",
        "ec2_instance_imdsv1",
        "ec2_instance_public_admin_port",
        "ec2_instance_public_ip",
        "ec2_instance_no_instance_profile",
    }
    assert "ERROR" not in set(findings["status"].astype(str))
    bastion = findings[findings["resource_id"] == "i-bastion"].set_index("check_id")["status"]
    assert bastion["ec2_instance_public_admin_port"] == "FAIL"
    assert bastion["ec2_instance_imdsv1"] == "PASS"
