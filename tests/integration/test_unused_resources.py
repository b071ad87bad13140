"""What nothing uses, against the estate's ground truth: ``ec2.network_interfaces`` is what
boto3 describes; ``in_use`` on VPCs, subnets, security groups and network ACLs is what the
estate launched where (instances, NAT gateways, EFS mount targets, Lambda functions in a VPC,
RDS instances); ``skip_unused`` leaves out exactly the findings on the rest.

The expected usage comes from the truth (and, for what the truth does not record, a plain boto3
census of NAT gateways, mount targets and network ACL associations), never from the
collector's own output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pandas as pd
import pytest
from census import assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

Key = tuple[str, str, str]  # account, region, resource id


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="ec2", progress=False)


def _units(sandbox: Sandbox) -> list[tuple[str, str, Any]]:
    return [
        (account_id, region, sandbox.boto3_session(account_id))
        for account_id in sandbox.truth.account_ids
        for region in sandbox.truth.regions
    ]


@pytest.fixture(scope="module")
def truth_usage(sandbox: Sandbox) -> dict[str, set[Key]]:
    """The VPCs, subnets and security groups the estate put something in, from the truth."""
    vpcs: set[Key] = set()
    subnets: set[Key] = set()
    groups: set[Key] = set()

    def placed(account_id: str, region: str, vpc: str, subnet: str, group_ids: list[str]) -> None:
        vpcs.add((account_id, region, vpc))
        subnets.add((account_id, region, subnet))
        groups.update((account_id, region, g) for g in group_ids)

    truth = sandbox.truth
    for vpc in truth.vpcs:
        where = (vpc["account_id"], vpc["region"])
        for instance in vpc["instances"]:
            placed(*where, vpc["id"], instance["subnet_id"], instance["security_group_ids"])
    for function in truth.lambda_functions:
        for subnet_id in function["subnet_ids"]:
            placed(
                function["account_id"],
                function["region"],
                function["vpc_id"],
                subnet_id,
                function["security_group_ids"],
            )
    subnet_groups = {(g["account_id"], g["region"], g["name"]): g for g in truth.rds_subnet_groups}
    made_for = {row["made_for"]: row for row in truth.service_interfaces}
    for db in truth.rds_instances:
        group = subnet_groups.get((db["account_id"], db["region"], db["subnet_group"]))
        if group is None:
            assert db["vpc_id"] is None and f"rds:{db['id']}" not in made_for
            continue
        interface = made_for[f"rds:{db['id']}"]  # RDS picks the subnet and the default group
        assert interface["subnet_id"] in group["subnet_ids"]
        placed(
            db["account_id"],
            db["region"],
            group["vpc_id"],
            interface["subnet_id"],
            interface["security_group_ids"],
        )
    for balancer in truth.elbv2_load_balancers:  # one interface per subnet, with its groups
        for subnet_id in balancer["subnet_ids"]:
            placed(
                balancer["account_id"],
                balancer["region"],
                balancer["vpc_id"],
                subnet_id,
                balancer["security_group_ids"],
            )
    efs_ids = {(f["account_id"], f["region"], f["file_system_id"]) for f in truth.efs_file_systems}
    for account_id, region, session in _units(sandbox):
        ec2 = sandbox.client(session, "ec2", region)
        for nat in ec2.describe_nat_gateways()["NatGateways"]:
            placed(account_id, region, nat["VpcId"], nat["SubnetId"], [])  # AWS: no groups
        efs = sandbox.client(session, "efs", region)
        for a, r, file_system_id in efs_ids:
            if (a, r) != (account_id, region):
                continue
            for target in efs.describe_mount_targets(FileSystemId=file_system_id)["MountTargets"]:
                named = efs.describe_mount_target_security_groups(
                    MountTargetId=target["MountTargetId"]
                ).get("SecurityGroups") or [_default_group(ec2, target["VpcId"])]
                # AWS gives a mount target its VPC's default group when none is named (the
                # estate names none; moto's answer then leaves the list out)
                placed(account_id, region, target["VpcId"], target["SubnetId"], named)
    return {"vpcs": vpcs, "subnets": subnets, "groups": groups}


def _default_group(ec2: Any, vpc_id: str) -> str:
    filters = [
        {"Name": "vpc-id", "Values": [vpc_id]},
        {"Name": "group-name", "Values": ["default"]},
    ]
    return ec2.describe_security_groups(Filters=filters)["SecurityGroups"][0]["GroupId"]


@pytest.fixture(scope="module")
def acl_subnets(sandbox: Sandbox) -> dict[Key, set[str]]:
    """Each network ACL's subnets, as boto3 describes them."""
    found = {}
    for account_id, region, session in _units(sandbox):
        for acl in sandbox.client(session, "ec2", region).describe_network_acls()["NetworkAcls"]:
            found[account_id, region, acl["NetworkAclId"]] = {
                a["SubnetId"] for a in acl.get("Associations", []) if a.get("SubnetId")
            }
    return found


def _in_use(frame: pd.DataFrame, key: str) -> dict[Key, bool]:
    rows = frame.drop_duplicates(["account_id", "region", key])
    assert rows["in_use"].notna().all()
    return {
        (a, r, k): bool(u)
        for a, r, k, u in zip(
            rows["account_id"], rows["region"], rows[key], rows["in_use"], strict=True
        )
    }


def test_network_interfaces_are_what_boto3_describes(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(sandbox.scope(), tables=["ec2.network_interfaces"], progress=False)
    assert_one_clean_table(inv, "ec2.network_interfaces", ["network_interface_id"])
    frame = (
        inv["ec2.network_interfaces"]
        .astype(object)
        .where(inv["ec2.network_interfaces"].notna(), None)
    )
    got = sorted(map(tuple, frame.to_numpy().tolist()), key=repr)
    expected = []
    for account_id, region, session in _units(sandbox):
        ec2 = sandbox.client(session, "ec2", region)
        for page in ec2.get_paginator("describe_network_interfaces").paginate():
            for i in page["NetworkInterfaces"]:
                attachment = i.get("Attachment") or {}
                expected.append(
                    (
                        account_id, region, i["NetworkInterfaceId"], i["VpcId"], i["SubnetId"],
                        i.get("InterfaceType"), i.get("Status"), i.get("RequesterId"),
                        i.get("RequesterManaged"), attachment.get("InstanceId"),
                        attachment.get("Status"), i.get("Description"),
                        json.dumps(sorted({g["GroupId"] for g in i.get("Groups", [])})),
                        i.get("PrivateIpAddress"), (i.get("Association") or {}).get("PublicIp"),
                    )
                )  # fmt: skip
    assert got == sorted(expected, key=repr)
    # every thing the sandbox made for a service AWS would give an interface is there
    made = {row["id"] for row in sandbox.truth.service_interfaces}
    assert made and made <= set(frame["network_interface_id"])


def test_in_use_is_the_truth(
    inventory: Inventory, truth_usage: dict[str, set[Key]], acl_subnets: dict[Key, set[str]]
) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    for table, key, used in (
        ("ec2.vpcs", "vpc_id", truth_usage["vpcs"]),
        ("ec2.subnets", "subnet_id", truth_usage["subnets"]),
        ("ec2.security_groups", "group_id", truth_usage["groups"]),
    ):
        got = _in_use(inventory[table], key)
        assert used <= set(got), table
        assert got == {k: k in used for k in got}, table
    used_subnets = truth_usage["subnets"]
    got = _in_use(inventory["ec2.network_acls"], "network_acl_id")
    assert set(got) == set(acl_subnets)
    expected = {
        (a, r, acl): any((a, r, s) in used_subnets for s in subnets)
        for (a, r, acl), subnets in acl_subnets.items()
    }
    assert got == expected


def test_what_the_demo_leaves_unused(
    sandbox: Sandbox, inventory: Inventory, truth_usage: dict[str, set[Key]]
) -> None:
    """The default VPCs (nothing of the estate is in them) are unused, and so are their subnets,
    groups and ACLs; a seeded VPC with instances is used; a seeded subnet may be unused (the
    EU public subnet of prod), and a group used only by a Lambda function is in use."""
    vpcs = inventory["ec2.vpcs"]
    seeded = {v["id"] for v in sandbox.truth.vpcs}
    defaults = vpcs[~vpcs["vpc_id"].isin(seeded)]
    assert len(defaults) == len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert defaults["is_default"].all() and not defaults["in_use"].any()
    for table in ("ec2.subnets", "ec2.security_groups", "ec2.network_acls"):
        frame = inventory[table]
        assert not frame[frame["vpc_id"].isin(defaults["vpc_id"])]["in_use"].any(), table
    with_instances = {v["id"] for v in sandbox.truth.vpcs if v["instances"]}
    assert vpcs[vpcs["vpc_id"].isin(with_instances)]["in_use"].all()
    subnets = inventory["ec2.subnets"].set_index("subnet_id")
    idle = [
        s["id"] for v in sandbox.truth.vpcs for s in v["subnets"] if s["name"] == "prod-eu-public-a"
    ]
    assert idle and not subnets.loc[idle[0], "in_use"]
    function = next(f for f in sandbox.truth.lambda_functions if f["security_group_ids"])
    instance_groups = {
        g for v in sandbox.truth.vpcs for i in v["instances"] for g in i["security_group_ids"]
    }
    lambda_only = set(function["security_group_ids"]) - instance_groups
    assert lambda_only, "the demo estate has a group only a Lambda function uses"
    groups = inventory["ec2.security_groups"].set_index("group_id")
    assert groups.loc[sorted(lambda_only), "in_use"].all()


def _unused_ids(
    inventory: Inventory, truth_usage: dict[str, set[Key]], acl_subnets: dict[Key, set[str]]
) -> set[Key]:
    """Every VPC, subnet, group and ACL the truth says nothing uses."""
    unused: set[Key] = set()
    for table, key, used in (
        ("ec2.vpcs", "vpc_id", truth_usage["vpcs"]),
        ("ec2.subnets", "subnet_id", truth_usage["subnets"]),
        ("ec2.security_groups", "group_id", truth_usage["groups"]),
    ):
        frame = inventory[table]
        unused |= {
            k
            for k in zip(frame["account_id"], frame["region"], frame[key], strict=True)
            if k not in used
        }
    unused |= {
        (a, r, acl)
        for (a, r, acl), subnets in acl_subnets.items()
        if not any((a, r, s) in truth_usage["subnets"] for s in subnets)
    }
    return unused


def _keys(findings: pd.DataFrame) -> list[tuple]:
    columns = ["check_id", "account_id", "region", "resource_id", "status", "detail"]
    return sorted(map(tuple, findings[columns].astype(object).to_numpy().tolist()), key=repr)


def test_skip_unused_leaves_out_exactly_the_unused(
    inventory: Inventory, truth_usage: dict[str, set[Key]], acl_subnets: dict[Key, set[str]]
) -> None:
    unused = _unused_ids(inventory, truth_usage, acl_subnets)
    every = toolkit.run_checks(inventory, "ec2")
    kept = toolkit.run_checks(inventory, "ec2", skip_unused=True)
    on_unused = pd.Series(
        [
            k in unused
            for k in zip(every["account_id"], every["region"], every["resource_id"], strict=True)
        ],
        index=every.index,
    )
    assert on_unused.any() and (~on_unused).any()
    # evaluated all the same, and said to be unused
    assert every.loc[on_unused, "detail"].str.endswith("; unused").all()
    assert not every.loc[~on_unused, "detail"].str.contains("unused").any()
    assert list(kept.columns) == list(every.columns) and kept.dtypes.equals(every.dtypes)
    assert _keys(kept) == _keys(every[~on_unused])


def test_cli_skip_unused(inventory: Inventory, sandbox_env: dict[str, str], tmp_path) -> None:
    snapshot = tmp_path / "snap"
    inventory.save(snapshot)
    outputs = {}
    for name, extra in (("every", []), ("kept", ["--skip-unused"])):
        out = tmp_path / f"{name}.csv"
        done = subprocess.run(
            [sys.executable, "-m", "toolkit.cli", "checks", "run", "--snapshot", str(snapshot),
             "--checks", "ec2", "-o", str(out), *extra],
            capture_output=True, text=True, env=sandbox_env, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs[name] = pd.read_csv(out)
    every, kept = outputs["every"], outputs["kept"]
    assert list(kept.columns) == list(every.columns)
    assert 0 < len(kept) < len(every)
    assert len(kept) == len(toolkit.run_checks(inventory, "ec2", skip_unused=True))
    assert not kept["detail"].str.contains("unused").any()


def test_in_use_only_when_asked(sandbox: Sandbox) -> None:
    """Without in_use, no DescribeNetworkInterfaces; with it on four tables, one a region."""
    scope = sandbox.scope()
    tables = ["ec2.vpcs", "ec2.subnets", "ec2.security_groups", "ec2.network_acls"]
    narrow = toolkit.collect_sync(
        scope, tables=tables, columns={t: ["vpc_id"] for t in tables}, progress=False
    )
    assert "ec2.DescribeNetworkInterfaces" not in narrow.meta["api_calls"]
    assert all("in_use" not in narrow[t] for t in tables)
    wide = toolkit.collect_sync(scope, tables=tables, progress=False)
    units = len(wide.meta["accounts"]) * len(wide.meta["regions"])
    assert wide.meta["api_calls"]["ec2.DescribeNetworkInterfaces"] == units
