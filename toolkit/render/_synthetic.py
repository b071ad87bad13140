"""Synthetic inventories for the renderers' scale tests and benchmarks: an organization of many
accounts and a VPC of many instances, built from the declared table schemas (no AWS, no
sandbox), with deterministic ids.
"""

from __future__ import annotations

import json
from typing import Any

from ..collectors import REGISTRY
from ..inventory import Inventory

MANAGEMENT = "100000000000"
REGION = "us-east-1"


def _frame(name: str, rows: list[dict[str, Any]]) -> Any:
    return REGISTRY[name].frame(rows)


def organization(accounts: int = 500, top_ous: int = 5, child_ous: int = 4) -> Inventory:
    """A management account under the root and ``accounts`` members spread evenly over
    ``top_ous`` OUs of ``child_ous`` OUs each; a guardrail SCP on every top OU, a region SCP on
    the first top OU's children, FullAWSAccess everywhere, and one account-level SCP."""
    common = {"account_id": MANAGEMENT, "region": "global"}
    root = "r-synt"
    ous: list[dict[str, Any]] = []
    leaves: list[tuple[str, str]] = []
    for top in range(top_ous):
        top_id = f"ou-synt-top{top:03d}"
        top_name = f"Division{top:02d}"
        ous.append(
            {**common, "id": top_id, "name": top_name, "parent_id": root}
            | {"path": f"Root/{top_name}", "depth": 1, "arn": f"arn:aws:organizations::ou/{top_id}"}
        )
        for child in range(child_ous):
            child_id = f"ou-synt-{top:03d}c{child:03d}"
            child_name = f"Team{top:02d}{child:02d}"
            path = f"Root/{top_name}/{child_name}"
            ous.append(
                {**common, "id": child_id, "name": child_name, "parent_id": top_id}
                | {"path": path, "depth": 2, "arn": f"arn:aws:organizations::ou/{child_id}"}
            )
            leaves.append((child_id, path))
    rows = [
        {
            **common,
            "id": MANAGEMENT,
            "name": "Management",
            "email": "aws-management@example.com",
            "status": "ACTIVE",
            "parent_id": root,
            "ou_path": "Root",
            "is_management": True,
        }
    ]
    for index in range(accounts):
        parent, path = leaves[index % len(leaves)]
        account = f"{200000000000 + index:012d}"
        rows.append(
            {
                **common,
                "id": account,
                "arn": f"arn:aws:organizations::{MANAGEMENT}:account/{account}",
                "name": f"workload-{index:04d}",
                "email": f"aws-workload-{index:04d}@example.com",
                "status": "ACTIVE" if index % 97 else "SUSPENDED",
                "joined_method": "CREATED",
                "parent_id": parent,
                "ou_path": path,
                "is_management": False,
            }
        )
    policies = [
        {**common, "id": "p-FullAWSAccess", "name": "FullAWSAccess", "aws_managed": True},
        {**common, "id": "p-synthdeny01", "name": "DenyLeaveOrganization", "aws_managed": False},
        {**common, "id": "p-synthregion", "name": "RegionGuardrail", "aws_managed": False},
        {**common, "id": "p-synthexcept", "name": "BreakGlass", "aws_managed": False},
    ]
    targets = [
        {**common, "policy_id": "p-FullAWSAccess", "target_id": t, "target_type": kind}
        for t, kind in [(root, "ROOT")]
        + [(o["id"], "ORGANIZATIONAL_UNIT") for o in ous]
        + [(a["id"], "ACCOUNT") for a in rows]
    ]
    targets += [
        {**common, "policy_id": "p-synthdeny01", "target_id": o["id"], "target_type": "OU"}
        for o in ous
        if o["depth"] == 1
    ]
    targets += [
        {**common, "policy_id": "p-synthregion", "target_id": o["id"], "target_type": "OU"}
        for o in ous
        if o["parent_id"] == "ou-synt-top000"
    ]
    targets.append(
        {
            **common,
            "policy_id": "p-synthexcept",
            "target_id": rows[1]["id"],
            "target_type": "ACCOUNT",
        }
    )
    return Inventory(
        {
            "organizations.roots": _frame(
                "organizations.roots",
                [
                    {
                        **common,
                        "id": root,
                        "name": "Root",
                        "policy_types": '["SERVICE_CONTROL_POLICY"]',
                    }
                ],
            ),
            "organizations.organizational_units": _frame("organizations.organizational_units", ous),
            "organizations.accounts": _frame("organizations.accounts", rows),
            "organizations.policies": _frame("organizations.policies", policies),
            "organizations.policy_targets": _frame("organizations.policy_targets", targets),
        }
    )


def vpc(instances: int = 2000, subnets: int = 20, account: str = "300000000000") -> Inventory:
    """One VPC with ``subnets`` subnets (half public), an internet and a NAT gateway, 12
    security groups (2 open to the internet) and ``instances`` instances of 3 types."""
    common = {"account_id": account, "region": REGION}
    vpc_id = "vpc-0synthetic00000001"
    subnet_ids = [f"subnet-0synth{n:010d}" for n in range(subnets)]
    public_rtb, private_rtb = "rtb-0synthpublic000001", "rtb-0synthprivate00001"
    igw, nat = "igw-0synthetic0000001", "nat-0synthetic0000001"
    groups = [f"sg-0synth{n:010d}" for n in range(12)]
    subnet_rows = [
        {
            **common,
            "subnet_id": sid,
            "name": f"{'public' if n % 2 == 0 else 'private'}-{n:02d}",
            "vpc_id": vpc_id,
            "cidr_block": f"10.0.{n}.0/24",
            "availability_zone": f"{REGION}{'abc'[n % 3]}",
            "map_public_ip_on_launch": False,
            "route_table_id": public_rtb if n % 2 == 0 else private_rtb,
            "is_public": n % 2 == 0,
        }
        for n, sid in enumerate(subnet_ids)
    ]
    route_rows = []
    for rtb, target, kind in (
        (public_rtb, igw, "internet_gateway"),
        (private_rtb, nat, "nat_gateway"),
    ):
        members = json.dumps([s["subnet_id"] for s in subnet_rows if s["route_table_id"] == rtb])
        base = {**common, "route_table_id": rtb, "vpc_id": vpc_id, "is_main": False}
        route_rows.append(
            base
            | {"associated_subnet_ids": members, "destination": "10.0.0.0/16", "target": "local"}
            | {"target_type": "local", "state": "active"}
        )
        route_rows.append(
            base
            | {"associated_subnet_ids": members, "destination": "0.0.0.0/0", "target": target}
            | {"target_type": kind, "state": "active"}
        )
    group_rows, rule_rows = [], []
    for n, gid in enumerate(groups):
        group_rows.append(
            {**common, "group_id": gid, "group_name": f"tier-{n:02d}", "vpc_id": vpc_id}
            | {"ingress_rule_count": 1, "egress_rule_count": 1}
        )
        open_rule = n < 2
        rule_rows.append(
            {
                **common,
                "group_id": gid,
                "group_name": f"tier-{n:02d}",
                "vpc_id": vpc_id,
                "direction": "ingress",
                "protocol": "tcp",
                "from_port": 443 if n == 0 else (22 if n == 1 else 8000 + n),
                "to_port": 443 if n == 0 else (22 if n == 1 else 8000 + n),
                "cidr_ipv4": "0.0.0.0/0" if open_rule else None,
                "referenced_group_id": None if open_rule else groups[0],
                "open_to_internet": open_rule,
            }
        )
    types = ["t3.micro", "m5.large", "c5.xlarge"]
    instance_rows = []
    for n in range(instances):
        subnet = subnet_rows[n % subnets]
        public = subnet["is_public"] and n % 5 == 0
        instance_rows.append(
            {
                **common,
                "instance_id": f"i-0synth{n:010d}",
                "name": f"node-{n:04d}",
                "state": "running" if n % 50 else "stopped",
                "instance_type": types[n % 3 if n % 7 else 0],
                "vpc_id": vpc_id,
                "subnet_id": subnet["subnet_id"],
                "private_ip": f"10.0.{n % subnets}.{(n // subnets) % 250 + 4}",
                "public_ip": f"54.0.{n // 250}.{n % 250}" if public else None,
                "security_group_ids": json.dumps([groups[n % 12]]),
            }
        )
    return Inventory(
        {
            "ec2.vpcs": _frame(
                "ec2.vpcs",
                [{**common, "vpc_id": vpc_id, "name": "big-vpc", "cidr_block": "10.0.0.0/16"}],
            ),
            "ec2.subnets": _frame("ec2.subnets", subnet_rows),
            "ec2.route_tables": _frame("ec2.route_tables", route_rows),
            "ec2.internet_gateways": _frame(
                "ec2.internet_gateways",
                [
                    {
                        **common,
                        "internet_gateway_id": igw,
                        "attached_vpc_id": vpc_id,
                        "state": "available",
                    }
                ],
            ),
            "ec2.nat_gateways": _frame(
                "ec2.nat_gateways",
                [
                    {**common, "nat_gateway_id": nat, "vpc_id": vpc_id}
                    | {"subnet_id": subnet_ids[0], "state": "available", "public_ip": "54.1.1.1"}
                ],
            ),
            "ec2.security_groups": _frame("ec2.security_groups", group_rows),
            "ec2.security_group_rules": _frame("ec2.security_group_rules", rule_rows),
            "ec2.instances": _frame("ec2.instances", instance_rows),
        }
    )


SMALL_MANAGEMENT = "111111111111"
_PUBLIC_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "anyone", "Effect": "Allow", "Principal": "*", "Action": "lambda:*"}],
    }
)
SMALL_PROD = "222222222222"
SMALL_DEV = "333333333333"


def small_estate() -> Inventory:
    """A tiny estate for unit tests: a root with a management account, OU Workloads holding
    OU Prod (account Prod) and account Dev; two SCPs; Identity Center with a group, two users
    and three assignments (one to a deleted user); in Prod's us-east-1 a VPC with a public and a
    private subnet, gateways, three security groups (web open on 443, ssh open on 22 and ::/0,
    app from web), two instances, a database and a function in the VPC and a public database
    and an open function outside it."""
    glob = {"account_id": SMALL_MANAGEMENT, "region": "global"}
    root = "r-test"
    ous = [
        {**glob, "id": "ou-test-work", "name": "Workloads", "parent_id": root}
        | {"path": "Root/Workloads", "depth": 1},
        {**glob, "id": "ou-test-prod", "name": "Prod", "parent_id": "ou-test-work"}
        | {"path": "Root/Workloads/Prod", "depth": 2},
    ]
    accounts = [
        {**glob, "id": SMALL_MANAGEMENT, "name": "Management", "email": "mgmt@example.com"}
        | {"status": "ACTIVE", "parent_id": root, "ou_path": "Root", "is_management": True},
        {**glob, "id": SMALL_PROD, "name": "Prod", "email": "prod@example.com"}
        | {"status": "ACTIVE", "parent_id": "ou-test-prod", "ou_path": "Root/Workloads/Prod"},
        {**glob, "id": SMALL_DEV, "name": "Dev", "email": "dev@example.com"}
        | {"status": "SUSPENDED", "parent_id": "ou-test-work", "ou_path": "Root/Workloads"},
    ]
    policies = [
        {**glob, "id": "p-FullAWSAccess", "name": "FullAWSAccess", "aws_managed": True},
        {**glob, "id": "p-testdeny", "name": "DenyLeave", "aws_managed": False},
        {**glob, "id": "p-testunused", "name": "Unused", "aws_managed": False},
    ]
    targets = [
        {**glob, "policy_id": "p-FullAWSAccess", "target_id": t, "target_type": "ANY"}
        for t in (root, "ou-test-work", "ou-test-prod", SMALL_MANAGEMENT, SMALL_PROD, SMALL_DEV)
    ] + [
        {**glob, "policy_id": "p-testdeny", "target_id": "ou-test-work", "target_type": "OU"},
        {**glob, "policy_id": "p-testdeny", "target_id": SMALL_DEV, "target_type": "ACCOUNT"},
    ]
    sso = {"account_id": SMALL_MANAGEMENT, "region": "us-east-1"}
    admin = "arn:aws:sso:::permissionSet/ssoins-test/ps-admin"
    read = "arn:aws:sso:::permissionSet/ssoins-test/ps-read"
    assignments = [
        {**sso, "target_account_id": SMALL_PROD, "permission_set_arn": admin}
        | {"permission_set_name": "Admin", "principal_type": "GROUP", "principal_id": "g-ops"}
        | {"principal_name": "Ops", "principal_exists": True},
        {**sso, "target_account_id": SMALL_DEV, "permission_set_arn": read}
        | {"permission_set_name": "ReadOnly", "principal_type": "USER", "principal_id": "u-ann"}
        | {"principal_name": "ann", "principal_exists": True},
        {**sso, "target_account_id": SMALL_PROD, "permission_set_arn": read}
        | {"permission_set_name": "ReadOnly", "principal_type": "USER", "principal_id": "u-gone"}
        | {"principal_name": None, "principal_exists": False},
    ]
    users = [
        {**sso, "user_id": "u-ann", "user_name": "ann", "display_name": "Ann Lee"},
        {**sso, "user_id": "u-bo", "user_name": "bo", "display_name": "Bo Kim"},
    ]
    groups = [{**sso, "group_id": "g-ops", "display_name": "Ops", "member_count": 2}]
    memberships = [
        {**sso, "group_id": "g-ops", "group_name": "Ops", "membership_id": f"m-{u}"}
        | {"user_id": f"u-{u}", "user_name": u}
        for u in ("ann", "bo")
    ]
    here = {"account_id": SMALL_PROD, "region": "us-east-1"}
    vpc = "vpc-test"
    subnets = [
        {**here, "subnet_id": "subnet-pub", "name": "public-a", "vpc_id": vpc}
        | {"cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a"}
        | {"map_public_ip_on_launch": True, "route_table_id": "rtb-pub", "is_public": True},
        {**here, "subnet_id": "subnet-priv", "name": "private-a", "vpc_id": vpc}
        | {"cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a"}
        | {"map_public_ip_on_launch": False, "route_table_id": "rtb-priv", "is_public": False},
    ]
    routes = [
        {**here, "route_table_id": rtb, "vpc_id": vpc, "is_main": rtb == "rtb-priv"}
        | {"destination": dest, "target": target, "target_type": kind, "state": "active"}
        for rtb, dest, target, kind in [
            ("rtb-pub", "10.0.0.0/16", "local", "local"),
            ("rtb-pub", "0.0.0.0/0", "igw-test", "internet_gateway"),
            ("rtb-priv", "10.0.0.0/16", "local", "local"),
            ("rtb-priv", "0.0.0.0/0", "nat-test", "nat_gateway"),
        ]
    ]
    security_groups = [
        {**here, "group_id": gid, "group_name": name, "vpc_id": vpc}
        for gid, name in [
            ("sg-web", "web"),
            ("sg-ssh", "ssh"),
            ("sg-app", "app"),
            ("sg-idle", "idle"),
        ]
    ]
    rules = [
        {**here, "group_id": "sg-web", "vpc_id": vpc, "direction": "ingress", "protocol": "tcp"}
        | {"from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "open_to_internet": True},
        {**here, "group_id": "sg-ssh", "vpc_id": vpc, "direction": "ingress", "protocol": "tcp"}
        | {"from_port": 22, "to_port": 22, "cidr_ipv6": "::/0", "open_to_internet": True},
        {**here, "group_id": "sg-app", "vpc_id": vpc, "direction": "ingress", "protocol": "tcp"}
        | {"from_port": 8080, "to_port": 8080, "referenced_group_id": "sg-web"}
        | {"open_to_internet": False},
        {**here, "group_id": "sg-web", "vpc_id": vpc, "direction": "egress", "protocol": "-1"}
        | {"cidr_ipv4": "0.0.0.0/0", "open_to_internet": True},
    ]
    instances = [
        {**here, "instance_id": "i-web", "name": "web-1", "state": "running"}
        | {"instance_type": "t3.small", "vpc_id": vpc, "subnet_id": "subnet-pub"}
        | {"private_ip": "10.0.0.4", "public_ip": "54.0.0.1"}
        | {"security_group_ids": '["sg-ssh", "sg-web"]'},
        {**here, "instance_id": "i-app", "name": "app-1", "state": "running"}
        | {"instance_type": "m5.large", "vpc_id": vpc, "subnet_id": "subnet-priv"}
        | {"private_ip": "10.0.1.4", "security_group_ids": '["sg-app"]'},
    ]
    databases = [
        {**here, "db_instance_identifier": "orders", "engine": "postgres", "vpc_id": vpc}
        | {"instance_class": "db.t3.micro", "publicly_accessible": False, "port": 5432},
        {**here, "db_instance_identifier": "legacy", "engine": "mysql", "vpc_id": None}
        | {"instance_class": "db.t3.micro", "publicly_accessible": True, "port": 3306},
    ]
    functions = [
        {**here, "function_name": "worker", "runtime": "python3.12", "vpc_id": vpc}
        | {"subnet_ids": '["subnet-priv"]', "security_group_ids": '["sg-app"]'},
        {**here, "function_name": "hook", "runtime": "python3.12", "vpc_id": None}
        | {"subnet_ids": "[]", "security_group_ids": "[]", "url_auth_type": "NONE"}
        | {"policy_public": True, "policy": _PUBLIC_POLICY},
    ]
    return Inventory(
        {
            "organizations.roots": _frame(
                "organizations.roots",
                [
                    {
                        **glob,
                        "id": root,
                        "name": "Root",
                        "policy_types": '["SERVICE_CONTROL_POLICY"]',
                    }
                ],
            ),
            "organizations.organizational_units": _frame("organizations.organizational_units", ous),
            "organizations.accounts": _frame("organizations.accounts", accounts),
            "organizations.policies": _frame("organizations.policies", policies),
            "organizations.policy_targets": _frame("organizations.policy_targets", targets),
            "sso.account_assignments": _frame("sso.account_assignments", assignments),
            "sso.users": _frame("sso.users", users),
            "sso.groups": _frame("sso.groups", groups),
            "sso.group_memberships": _frame("sso.group_memberships", memberships),
            "ec2.vpcs": _frame(
                "ec2.vpcs", [{**here, "vpc_id": vpc, "name": "main", "cidr_block": "10.0.0.0/16"}]
            ),
            "ec2.subnets": _frame("ec2.subnets", subnets),
            "ec2.route_tables": _frame("ec2.route_tables", routes),
            "ec2.internet_gateways": _frame(
                "ec2.internet_gateways",
                [{**here, "internet_gateway_id": "igw-test", "attached_vpc_id": vpc}],
            ),
            "ec2.nat_gateways": _frame(
                "ec2.nat_gateways",
                [
                    {**here, "nat_gateway_id": "nat-test", "vpc_id": vpc}
                    | {"subnet_id": "subnet-pub", "state": "available", "public_ip": "54.0.0.9"}
                ],
            ),
            "ec2.security_groups": _frame("ec2.security_groups", security_groups),
            "ec2.security_group_rules": _frame("ec2.security_group_rules", rules),
            "ec2.instances": _frame("ec2.instances", instances),
            "rds.db_instances": _frame("rds.db_instances", databases),
            "lambda.functions": _frame("lambda.functions", functions),
        }
    )


def findings(rows: list[tuple[str, str, str, str, str]]) -> Any:
    """A findings DataFrame from (check_id, severity, service, account_id, resource_id) FAILs
    (region us-east-1; 'global' for organizations and IAM)."""
    import pandas as pd

    from ..checks.runner import FINDINGS_COLUMNS, SEVERITY_DTYPE

    frame = pd.DataFrame(
        [
            {
                "check_id": check,
                "title": check,
                "severity": severity,
                "status": "FAIL",
                "service": service,
                "account_id": account,
                "region": "global" if service in ("organizations", "iam") else "us-east-1",
                "resource_id": resource,
            }
            for check, severity, service, account, resource in rows
        ],
        columns=FINDINGS_COLUMNS,
    )
    return frame.assign(severity=frame["severity"].astype(SEVERITY_DTYPE))
