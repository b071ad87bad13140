"""The EC2 tables hold what plain boto3 sees in the sandbox and what the estate planted.

Every comparison is with boto3's own answers or with the seeding's ground truth, never with the
collector's output; as the demo estate grows (NAT gateways, volumes, instance profiles, EBS
defaults), the boto3 comparisons follow it.
"""

from __future__ import annotations

import asyncio
import json
from itertools import product
from typing import Any

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

#: EC2 tables with their own test (test_ec2_compute_collector.py), not collected here.
COMPUTE_TABLES = {
    "ec2.images",
    "ec2.launch_templates",
    "ec2.snapshots",
    "ec2.transit_gateways",
    "ec2.vpc_endpoints",
}
EC2_TABLES = sorted(
    name for name in REGISTRY if name.startswith("ec2.") and name not in COMPUTE_TABLES
)
#: Every call the ec2 tables may make: each once per (account, region) of the scope.
EC2_OPERATIONS = {
    "ec2.DescribeInstances",
    "ec2.DescribeVolumes",
    "ec2.DescribeVpcs",
    "ec2.DescribeSubnets",
    "ec2.DescribeRouteTables",
    "ec2.DescribeInternetGateways",
    "ec2.DescribeNatGateways",
    "ec2.DescribeNetworkInterfaces",
    "ec2.DescribeVpcPeeringConnections",
    "ec2.DescribeSecurityGroups",
    "ec2.DescribeSecurityGroupRules",
    "ec2.DescribeNetworkAcls",
    "ec2.DescribeFlowLogs",
    "ec2.GetEbsEncryptionByDefault",
    "ec2.GetEbsDefaultKmsKeyId",
}
INTERNET = ("0.0.0.0/0", "::/0")


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=EC2_TABLES, progress=False)


def _paged(client: Any, operation: str, key: str) -> list[dict[str, Any]]:
    return [item for page in client.get_paginator(operation).paginate() for item in page[key]]


def _boto3_view(client: Any) -> dict[str, Any]:
    """One (account, region) as plain boto3 describes it: the reference for every table."""
    kms_key_id = client.get_ebs_default_kms_key_id()["KmsKeyId"]
    return {
        "instances": [
            (reservation, instance)
            for reservation in _paged(client, "describe_instances", "Reservations")
            for instance in reservation["Instances"]
        ],
        "volumes": _paged(client, "describe_volumes", "Volumes"),
        "vpcs": _paged(client, "describe_vpcs", "Vpcs"),
        "subnets": _paged(client, "describe_subnets", "Subnets"),
        "route_tables": _paged(client, "describe_route_tables", "RouteTables"),
        "internet_gateways": _paged(client, "describe_internet_gateways", "InternetGateways"),
        "nat_gateways": _paged(client, "describe_nat_gateways", "NatGateways"),
        "network_interfaces": _paged(client, "describe_network_interfaces", "NetworkInterfaces"),
        "vpc_peering_connections": _paged(
            client, "describe_vpc_peering_connections", "VpcPeeringConnections"
        ),
        "security_groups": _paged(client, "describe_security_groups", "SecurityGroups"),
        "security_group_rules": _paged(
            client, "describe_security_group_rules", "SecurityGroupRules"
        ),
        "network_acls": _paged(client, "describe_network_acls", "NetworkAcls"),
        "flow_logs": _paged(client, "describe_flow_logs", "FlowLogs"),
        "ebs_encryption": client.get_ebs_encryption_by_default()["EbsEncryptionByDefault"],
        "ebs_kms_key_id": kms_key_id,
    }


@pytest.fixture(scope="module")
def seen(sandbox: Sandbox, inventory: Inventory) -> dict[tuple[str, str], dict[str, Any]]:
    """boto3's view of every (account, region) of the truth, read right after the collection."""
    views = {}
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            views[account_id, region] = _boto3_view(sandbox.client(session, "ec2", region))
    return views


def _value(value: Any) -> Any:
    """A cell as plain Python: None for missing, int for Int64, bool for boolean."""
    if value is None or (not isinstance(value, list | dict) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _unit(frame: pd.DataFrame, account_id: str, region: str) -> pd.DataFrame:
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The frame's rows as sorted tuples of plain values, duplicates kept."""
    rows = [tuple(_value(v) for v in row) for row in frame[columns].itertuples(index=False)]
    return sorted(rows, key=repr)


def _reference_rules(group: dict[str, Any]) -> list[tuple]:
    """describe_security_groups' permissions, one tuple per (permission, source)."""
    rules = []
    for direction, field in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
        for permission in group[field]:
            protocol = permission["IpProtocol"]
            ports = (
                (None, None)
                if protocol == "-1"
                else (permission.get("FromPort"), permission.get("ToPort"))
            )
            sources = [((r["CidrIp"], None, None, None), r) for r in permission.get("IpRanges", [])]
            sources += [
                ((None, r["CidrIpv6"], None, None), r) for r in permission.get("Ipv6Ranges", [])
            ]
            sources += [
                ((None, None, r["PrefixListId"], None), r)
                for r in permission.get("PrefixListIds", [])
            ]
            sources += [
                ((None, None, None, r.get("GroupId")), r)
                for r in permission.get("UserIdGroupPairs", [])
            ]
            for (cidr4, cidr6, prefix_list, referenced), source in sources:
                rules.append(
                    (
                        group["GroupId"],
                        group["GroupName"],
                        group.get("VpcId"),
                        direction,
                        protocol,
                        *ports,
                        cidr4,
                        cidr6,
                        prefix_list,
                        referenced,
                        source.get("Description"),
                        cidr4 in INTERNET or cidr6 in INTERNET,
                    )
                )
    return rules


RULE_COLUMNS = [
    "group_id",
    "group_name",
    "vpc_id",
    "direction",
    "protocol",
    "from_port",
    "to_port",
    "cidr_ipv4",
    "cidr_ipv6",
    "prefix_list_id",
    "referenced_group_id",
    "description",
    "open_to_internet",
]


FLOW_LOG_COLUMNS = [
    "flow_log_id",
    "resource_id",
    "resource_type",
    "traffic_type",
    "log_destination_type",
    "log_destination",
    "status",
    "deliver_logs_status",
]
FLOW_LOG_RESOURCE_TYPES = {"vpc": "VPC", "subnet": "Subnet", "eni": "NetworkInterface"}


def _reference_flow_log(flow_log: dict[str, Any]) -> tuple:
    """describe_flow_logs' answer for one flow log, in FLOW_LOG_COLUMNS' order."""
    return (
        flow_log["FlowLogId"],
        flow_log["ResourceId"],
        FLOW_LOG_RESOURCE_TYPES.get(flow_log["ResourceId"].split("-")[0]),
        flow_log.get("TrafficType"),
        flow_log.get("LogDestinationType"),
        flow_log.get("LogDestination") or flow_log.get("LogGroupName"),
        flow_log.get("FlowLogStatus"),
        flow_log.get("DeliverLogsStatus"),
    )


def _reference_rows(table: str, view: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """What each table must hold for one (account, region), from boto3's answers alone."""
    if table == "ec2.instances":
        return ["instance_id"], [(i["InstanceId"],) for _, i in view["instances"]]
    if table == "ec2.volumes":
        return ["volume_id"], [(v["VolumeId"],) for v in view["volumes"]]
    if table == "ec2.vpcs":
        return ["vpc_id"], [(v["VpcId"],) for v in view["vpcs"]]
    if table == "ec2.subnets":
        return ["subnet_id"], [(s["SubnetId"],) for s in view["subnets"]]
    if table == "ec2.route_tables":
        return ["route_table_id", "destination"], [
            (
                rt["RouteTableId"],
                r.get("DestinationCidrBlock")
                or r.get("DestinationIpv6CidrBlock")
                or r.get("DestinationPrefixListId"),
            )
            for rt in view["route_tables"]
            for r in rt["Routes"]
        ]
    if table == "ec2.internet_gateways":
        return ["internet_gateway_id"], [
            (g["InternetGatewayId"],) for g in view["internet_gateways"]
        ]
    if table == "ec2.nat_gateways":
        return ["nat_gateway_id"], [(g["NatGatewayId"],) for g in view["nat_gateways"]]
    if table == "ec2.network_interfaces":
        return ["network_interface_id", "vpc_id", "subnet_id", "security_group_ids"], [
            (
                i["NetworkInterfaceId"],
                i["VpcId"],
                i["SubnetId"],
                json.dumps(sorted({g["GroupId"] for g in i.get("Groups", [])})),
            )
            for i in view["network_interfaces"]
        ]
    if table == "ec2.vpc_peering_connections":
        return ["vpc_peering_connection_id"], [
            (p["VpcPeeringConnectionId"],) for p in view["vpc_peering_connections"]
        ]
    if table == "ec2.security_groups":
        return ["group_id"], [(g["GroupId"],) for g in view["security_groups"]]
    if table == "ec2.security_group_rules":
        return RULE_COLUMNS, [r for g in view["security_groups"] for r in _reference_rules(g)]
    if table == "ec2.network_acls":
        return ["network_acl_id", "egress", "rule_number"], [
            (acl["NetworkAclId"], e["Egress"], e["RuleNumber"])
            for acl in view["network_acls"]
            for e in acl["Entries"]
        ]
    if table == "ec2.flow_logs":
        return FLOW_LOG_COLUMNS, [_reference_flow_log(f) for f in view["flow_logs"]]
    if table == "ec2.ebs_encryption_by_default":
        return ["enabled", "kms_key_id"], [(view["ebs_encryption"], view["ebs_kms_key_id"])]
    raise AssertionError(f"no boto3 reference for {table}")


def test_no_errors_and_declared_columns(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert set(inventory.tables) == set(EC2_TABLES)
    for name in EC2_TABLES:
        frame = inventory[name]
        assert list(frame.columns) == [c.name for c in REGISTRY[name].columns]
        assert frame["account_id"].notna().all() and frame["region"].notna().all()
        assert REGISTRY[name].doc, name
        assert set(REGISTRY[name].calls) <= {op.replace("ec2.", "ec2:") for op in EC2_OPERATIONS}, (
            name
        )


@pytest.mark.parametrize("table", EC2_TABLES)
def test_rows_match_boto3(
    sandbox: Sandbox, inventory: Inventory, seen: dict[tuple[str, str], Any], table: str
) -> None:
    frame = inventory[table]
    units = set(product(sandbox.truth.account_ids, sandbox.truth.regions))
    assert set(seen) == units
    assert set(zip(frame["account_id"], frame["region"], strict=True)) <= units
    for (account_id, region), view in seen.items():
        columns, expected = _reference_rows(table, view)
        got = _rows(_unit(frame, account_id, region), columns)
        assert got == sorted(expected, key=repr), (table, account_id, region)


def test_values_match_boto3(inventory: Inventory, seen: dict[tuple[str, str], Any]) -> None:
    instances = inventory["ec2.instances"].set_index("instance_id")
    volumes = inventory["ec2.volumes"].set_index("volume_id")
    vpcs = inventory["ec2.vpcs"].set_index("vpc_id")
    subnets = inventory["ec2.subnets"].set_index("subnet_id")
    gateways = inventory["ec2.internet_gateways"].set_index("internet_gateway_id")
    nats = inventory["ec2.nat_gateways"].set_index("nat_gateway_id")
    groups = inventory["ec2.security_groups"].set_index("group_id")
    for view in seen.values():
        for reservation, instance in view["instances"]:
            row = instances.loc[instance["InstanceId"]]
            metadata = instance.get("MetadataOptions", {})
            assert _value(row["state"]) == instance["State"]["Name"]
            assert _value(row["instance_type"]) == instance["InstanceType"]
            assert _value(row["image_id"]) == instance["ImageId"]
            assert _value(row["subnet_id"]) == instance.get("SubnetId")
            assert _value(row["private_ip"]) == instance.get("PrivateIpAddress")
            assert _value(row["public_ip"]) == instance.get("PublicIpAddress")
            assert _value(row["iam_instance_profile_arn"]) == instance.get(
                "IamInstanceProfile", {}
            ).get("Arn")
            assert _value(row["imds_http_tokens"]) == metadata.get("HttpTokens")
            assert _value(row["imds_http_endpoint"]) == metadata.get("HttpEndpoint")
            assert row["launch_time"] == pd.Timestamp(instance["LaunchTime"])
            assert row["arn"].endswith(f":{reservation['OwnerId']}:instance/{row.name}")
            tags = {t["Key"]: t["Value"] for t in instance.get("Tags", [])}
            assert json.loads(row["tags"]) == tags
            assert _value(row["name"]) == tags.get("Name")
        for volume in view["volumes"]:
            row = volumes.loc[volume["VolumeId"]]
            assert _value(row["size_gib"]) == volume["Size"]
            assert _value(row["volume_type"]) == volume["VolumeType"]
            assert _value(row["encrypted"]) == volume["Encrypted"]
            assert _value(row["kms_key_id"]) == volume.get("KmsKeyId")
            assert _value(row["state"]) == volume["State"]
            attached = [a["InstanceId"] for a in volume.get("Attachments", [])]
            assert _value(row["attached_instance_id"]) == (attached[0] if attached else None)
            assert row["create_time"] == pd.Timestamp(volume["CreateTime"])
        for vpc in view["vpcs"]:
            row = vpcs.loc[vpc["VpcId"]]
            assert _value(row["cidr_block"]) == vpc["CidrBlock"]
            assert _value(row["is_default"]) == vpc["IsDefault"]
            assert _value(row["state"]) == vpc["State"]
        for subnet in view["subnets"]:
            row = subnets.loc[subnet["SubnetId"]]
            assert _value(row["vpc_id"]) == subnet["VpcId"]
            assert _value(row["cidr_block"]) == subnet["CidrBlock"]
            assert _value(row["availability_zone"]) == subnet["AvailabilityZone"]
            assert _value(row["map_public_ip_on_launch"]) == subnet["MapPublicIpOnLaunch"]
        for gateway in view["internet_gateways"]:
            row = gateways.loc[gateway["InternetGatewayId"]]
            vpc_ids = [a["VpcId"] for a in gateway.get("Attachments", [])]
            assert _value(row["attached_vpc_id"]) == (vpc_ids[0] if vpc_ids else None)
        for nat in view["nat_gateways"]:
            row = nats.loc[nat["NatGatewayId"]]
            assert _value(row["vpc_id"]) == nat.get("VpcId")
            assert _value(row["subnet_id"]) == nat.get("SubnetId")
            assert _value(row["state"]) == nat.get("State")
            public_ips = [
                a["PublicIp"] for a in nat.get("NatGatewayAddresses", []) if "PublicIp" in a
            ]
            assert _value(row["public_ip"]) in (public_ips or [None])
            assert _value(row["connectivity_type"]) == nat.get("ConnectivityType", "public")
        for group in view["security_groups"]:
            row = groups.loc[group["GroupId"]]
            assert _value(row["group_name"]) == group["GroupName"]
            assert _value(row["description"]) == group["Description"]
            assert _value(row["vpc_id"]) == group.get("VpcId")
            rules = _reference_rules(group)
            assert _value(row["ingress_rule_count"]) == sum(r[3] == "ingress" for r in rules)
            assert _value(row["egress_rule_count"]) == sum(r[3] == "egress" for r in rules)


def test_network_matches_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    vpcs = inventory["ec2.vpcs"].set_index("vpc_id")
    subnets = inventory["ec2.subnets"].set_index("subnet_id")
    gateways = inventory["ec2.internet_gateways"].set_index("internet_gateway_id")
    routes = inventory["ec2.route_tables"]
    assert sandbox.truth.vpcs
    for vpc in sandbox.truth.vpcs:
        row = vpcs.loc[vpc["id"]]
        assert (row["account_id"], row["region"]) == (vpc["account_id"], vpc["region"])
        assert row["name"] == vpc["name"] and row["cidr_block"] == vpc["cidr"]
        assert not row["is_default"]
        assert gateways.loc[vpc["internet_gateway_id"], "attached_vpc_id"] == vpc["id"]
        to_igw = routes[
            (routes["target"] == vpc["internet_gateway_id"])
            & (routes["destination"] == "0.0.0.0/0")
        ]
        assert not to_igw.empty
        assert (to_igw["vpc_id"] == vpc["id"]).all()
        assert (to_igw["target_type"] == "internet_gateway").all()
        for subnet in vpc["subnets"]:
            got = subnets.loc[subnet["id"]]
            assert got["vpc_id"] == vpc["id"] and got["name"] == subnet["name"]
            assert got["cidr_block"] == subnet["cidr"]
            assert got["availability_zone"] == subnet["zone"]
            assert bool(got["is_public"]) == subnet["public"], subnet["name"]
            assert bool(got["route_table_id"] in set(to_igw["route_table_id"])) == subnet["public"]


def test_nat_gateways_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    nats = inventory["ec2.nat_gateways"].set_index("nat_gateway_id")
    subnets = inventory["ec2.subnets"].set_index("subnet_id")
    routes = inventory["ec2.route_tables"]
    for vpc in sandbox.truth.vpcs:
        nat_id = vpc.get("nat_gateway_id")
        if not nat_id:
            continue
        row = nats.loc[nat_id]
        assert (row["account_id"], row["region"]) == (vpc["account_id"], vpc["region"])
        assert row["vpc_id"] == vpc["id"]
        assert row["subnet_id"] in {s["id"] for s in vpc["subnets"] if s["public"]}
        assert pd.notna(row["public_ip"]) and row["connectivity_type"] == "public"
        to_nat = routes[(routes["target"] == nat_id) & (routes["destination"] == "0.0.0.0/0")]
        assert (to_nat["target_type"] == "nat_gateway").all() and len(to_nat) == 1
        for subnet in vpc["subnets"]:
            if not subnet["public"]:
                got = subnets.loc[subnet["id"]]
                assert got["route_table_id"] == to_nat["route_table_id"].iloc[0]
                assert not got["is_public"]


def test_instances_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    instances = inventory["ec2.instances"].set_index("instance_id")
    seeded = [(vpc, i) for vpc in sandbox.truth.vpcs for i in vpc["instances"]]
    assert seeded
    for vpc, instance in seeded:
        row = instances.loc[instance["id"]]
        assert (row["account_id"], row["region"]) == (vpc["account_id"], vpc["region"])
        assert row["name"] == instance["name"]
        assert row["vpc_id"] == vpc["id"] and row["subnet_id"] == instance["subnet_id"]
        assert pd.notna(row["public_ip"]) == instance["public_ip"], instance["name"]
        assert bool(row["imds_v2_required"]) == instance["imds_v2"], instance["name"]
        assert row["imds_http_tokens"] == ("required" if instance["imds_v2"] else "optional")
        assert json.loads(row["security_group_ids"]) == instance["security_group_ids"]
        profile = instance.get("instance_profile")
        arn = _value(row["iam_instance_profile_arn"])
        assert (arn is None) == (not profile), instance["name"]
        if profile:
            assert arn.endswith(f":instance-profile/{profile}")


def test_volumes_and_ebs_defaults_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    volumes = inventory["ec2.volumes"].set_index("volume_id")
    for volume in getattr(sandbox.truth, "volumes", []):
        row = volumes.loc[volume["id"]]
        assert (row["account_id"], row["region"]) == (volume["account_id"], volume["region"])
        assert row["tags"] and json.loads(row["tags"]).get("Name") == volume["name"]
        assert bool(row["encrypted"]) == volume["encrypted"]
        assert pd.isna(row["attached_instance_id"]) and row["state"] == "available"
    defaults = inventory["ec2.ebs_encryption_by_default"].set_index(["account_id", "region"])
    assert len(defaults) == len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for account_id, regions in getattr(sandbox.truth, "ebs_encryption_by_default", {}).items():
        for region in sandbox.truth.regions:
            assert bool(defaults.loc[(account_id, region), "enabled"]) == (region in regions)


def _expected_rule(rule: dict[str, Any]) -> tuple:
    """A seeded ingress rule as (protocol, from_port, to_port, cidr_ipv4, cidr_ipv6,
    prefix_list_id, referenced_group_id, description), the way AWS states it."""
    protocol = str(rule.get("protocol", "tcp"))
    named = ("cidr_ipv6", "prefix_list_id", "group_id")
    cidr = None if any(k in rule for k in named) else rule.get("cidr", "0.0.0.0/0")
    sources = (cidr, *(rule.get(k) for k in named), rule.get("description"))
    if protocol in ("all", "-1"):
        return ("-1", None, None, *sources)
    low, _, high = str(rule.get("ports", "all")).partition("-")
    return (protocol, int(low), int(high or low), *sources)


def test_security_group_rules_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    rules = inventory["ec2.security_group_rules"]
    groups = inventory["ec2.security_groups"].set_index("group_id")
    seeded = [(vpc, g) for vpc in sandbox.truth.vpcs for g in vpc["security_groups"]]
    assert seeded
    protocol_all = 0
    for vpc, group in seeded:
        assert groups.loc[group["id"], "group_name"] == group["name"]
        assert groups.loc[group["id"], "vpc_id"] == vpc["id"]
        assert groups.loc[group["id"], "ingress_rule_count"] == len(group["ingress"])
        ingress = rules[(rules["group_id"] == group["id"]) & (rules["direction"] == "ingress")]
        assert (ingress["vpc_id"] == vpc["id"]).all() and (
            ingress["group_name"] == group["name"]
        ).all()
        columns = ["protocol", "from_port", "to_port", "cidr_ipv4", "cidr_ipv6"]
        columns += ["prefix_list_id", "referenced_group_id", "description"]
        got = {
            tuple(_value(getattr(row, c)) for c in columns): bool(row.open_to_internet)
            for row in ingress.itertuples()
        }
        assert len(got) == len(ingress) == len(group["ingress"])
        ids = dict(zip(ingress["security_group_rule_id"], ingress.itertuples(), strict=True))
        for rule in group["ingress"]:
            expected = _expected_rule(rule)
            assert expected in got, (group["name"], rule, sorted(got, key=repr))
            open_to = expected[3] in INTERNET or expected[4] in INTERNET
            assert got[expected] == open_to, (group["name"], rule)
            protocol_all += expected[0] == "-1"
            # the rule AWS named when it was authorized is that very row
            row = ids[rule["rule_id"]]
            assert tuple(_value(getattr(row, c)) for c in columns) == expected, rule
    assert protocol_all, "the demo estate plants a rule open to all protocols"
    for column in ("cidr_ipv6", "prefix_list_id", "referenced_group_id", "description"):
        assert rules[column].notna().any(), f"the demo estate seeds a rule with {column}"


def _reference_rule(rule: dict[str, Any]) -> tuple:
    """describe_security_group_rules' rule in RULE_COLUMNS' order, but for the group's name and
    VPC (which it does not say) and its description (moto drops it for a rule naming a group or
    prefix list)."""
    every = rule["IpProtocol"] == "-1"  # AWS says -1 for the ports of every protocol
    return (
        rule["GroupId"],
        "egress" if rule["IsEgress"] else "ingress",
        rule["IpProtocol"],
        None if every else rule.get("FromPort"),
        None if every else rule.get("ToPort"),
        rule.get("CidrIpv4"),
        rule.get("CidrIpv6"),
        rule.get("PrefixListId"),
        (rule.get("ReferencedGroupInfo") or {}).get("GroupId"),
    )


def test_rule_ids_are_aws_rules(inventory: Inventory, seen: dict[tuple[str, str], Any]) -> None:
    """Every row carries the id AWS gives its rule, and that rule is the row: each id once, every
    rule of describe_security_group_rules a row."""
    rules = inventory["ec2.security_group_rules"]
    assert rules["security_group_rule_id"].notna().all()
    assert rules["security_group_rule_id"].str.startswith("sgr-").all()
    assert not rules["security_group_rule_id"].duplicated().any()
    columns = ["group_id", "direction", "protocol", "from_port", "to_port", "cidr_ipv4"]
    columns += ["cidr_ipv6", "prefix_list_id", "referenced_group_id"]
    described = 0
    for (account_id, region), view in seen.items():
        here = _unit(rules, account_id, region).set_index("security_group_rule_id")
        answer = {r["SecurityGroupRuleId"]: r for r in view["security_group_rules"]}
        assert sorted(here.index) == sorted(answer), (account_id, region)
        for rule_id, rule in answer.items():
            row = here.loc[rule_id]
            assert tuple(_value(row[c]) for c in columns) == _reference_rule(rule), rule
            if rule.get("Description"):
                assert row["description"] == rule["Description"], rule
                described += 1
    assert described, "the demo estate describes some rules"


def test_network_acls_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    """A seeded network ACL holds its entries and governs the subnets named (AWS's closing
    deny, rule 32767, is left aside: moto does not add it to a new ACL)."""
    table = inventory["ec2.network_acls"]
    seeded = [(vpc, acl) for vpc in sandbox.truth.vpcs for acl in vpc["network_acls"]]
    assert seeded
    columns = ["rule_number", "egress", "protocol", "rule_action", "cidr_block"]
    columns += ["ipv6_cidr_block", "from_port", "to_port"]
    for vpc, acl in seeded:
        rows = table[table["network_acl_id"] == acl["id"]]
        assert (rows["vpc_id"] == vpc["id"]).all() and not rows["is_default"].any()
        assert sorted(json.loads(rows["associated_subnet_ids"].iloc[0])) == sorted(
            acl["subnet_ids"]
        )
        got = _rows(rows[rows["rule_number"] != 32767], columns)
        expected = sorted((tuple(e[c] for c in columns) for e in acl["entries"]), key=repr)
        assert got == expected, acl["name"]


def test_calls_do_not_grow_per_resource(inventory: Inventory) -> None:
    units = len(inventory.meta["accounts"]) * len(inventory.meta["regions"])
    calls = {op: n for op, n in inventory.meta["api_calls"].items() if op.startswith("ec2.")}
    assert set(calls) == EC2_OPERATIONS
    assert calls == dict.fromkeys(EC2_OPERATIONS, units)
    # per-subnet or per-group calls would show: there are many more of those than units
    assert len(inventory["ec2.subnets"]) > units
    assert len(inventory["ec2.security_groups"]) > units


def test_one_table_alone(sandbox: Sandbox) -> None:
    prod = sandbox.truth.account_id("prod")
    scope = sandbox.scope(accounts=[prod], regions=["us-east-1"])
    frame = asyncio.run(toolkit.collectors.ec2.subnets(scope, progress=False))
    assert frame.attrs["errors"].empty
    expected = {
        s["id"]: s["public"]
        for vpc in sandbox.truth.vpcs
        if vpc["account_id"] == prod and vpc["region"] == "us-east-1"
        for s in vpc["subnets"]
    }
    assert expected
    public = dict(zip(frame["subnet_id"], frame["is_public"], strict=True))
    assert {s: bool(public[s]) for s in expected} == expected


def test_flow_logs_match_boto3(sandbox: Sandbox) -> None:
    """The demo estate has no flow log: make one on a seeded VPC of dev, then remove it."""
    dev = sandbox.truth.account_id("dev")
    vpc = next(v for v in sandbox.truth.vpcs if v["account_id"] == dev)
    bucket = next(
        b for b in sandbox.truth.buckets if b["account_id"] == dev and b["region"] == vpc["region"]
    )
    ec2 = sandbox.client(sandbox.boto3_session(dev), "ec2", vpc["region"])
    created = ec2.create_flow_logs(
        ResourceIds=[vpc["id"]],
        ResourceType="VPC",
        TrafficType="REJECT",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{bucket['name']}",
    )
    assert not created.get("Unsuccessful"), created
    (flow_log_id,) = created["FlowLogIds"]
    try:
        scope = sandbox.scope(accounts=[dev], regions=[vpc["region"]])
        frame = asyncio.run(toolkit.collectors.ec2.flow_logs(scope, progress=False))
        assert frame.attrs["errors"].empty
        expected = [
            _reference_flow_log(f)
            for f in ec2.describe_flow_logs()["FlowLogs"]  # the whole (account, region)
        ]
        assert _rows(frame, FLOW_LOG_COLUMNS) == sorted(expected, key=repr)
        row = frame.set_index("flow_log_id").loc[flow_log_id]
        assert (row["account_id"], row["region"]) == (dev, vpc["region"])
        assert row["resource_id"] == vpc["id"] and row["resource_type"] == "VPC"
        assert row["traffic_type"] == "REJECT" and row["log_destination_type"] == "s3"
        assert row["log_destination"] == f"arn:aws:s3:::{bucket['name']}"
        assert row["status"] == "ACTIVE"
    finally:
        ec2.delete_flow_logs(FlowLogIds=[flow_log_id])
    assert flow_log_id not in {f["FlowLogId"] for f in ec2.describe_flow_logs()["FlowLogs"]}


@pytest.mark.parametrize(
    "check", ["ec2_network_acl_unused", "ec2_security_group_open_unauthorized_port"]
)
def test_each_fsbp_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    """FSBP EC2.16 (the ACL seeded with no subnet; default ACLs are not judged) and EC2.18
    (the groups open to the internet on ports other than 80 and 443)."""
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
