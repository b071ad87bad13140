"""FSBP Lambda.5 (VPC functions in two zones), CloudTrail.5 (trails to CloudWatch Logs) and
EFS.7 (automatic backups) on small inventories built by hand."""

from __future__ import annotations

import json

from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"
EAST = "us-east-1"
LAMBDA = "lambda_function_vpc_single_az"
TRAIL = "cloudtrail_cloudwatch_logs_disabled"
BACKUPS = "efs_file_system_automatic_backups_disabled"


def frame(table: str, *rows: dict) -> object:
    return TABLES[table].frame({"account_id": A, "region": EAST, **row} for row in rows)


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS[LAMBDA].frameworks == {"AWS-FSBP": ("Lambda.5",)}
    assert CHECKS[TRAIL].frameworks == {"AWS-FSBP": ("CloudTrail.5",)}
    assert CHECKS[BACKUPS].frameworks == {"AWS-FSBP": ("EFS.7",)}


def test_vpc_functions_need_subnets_in_two_zones() -> None:
    def function(name: str, subnets: list[str] | None, account: str = A) -> dict:
        return {
            "account_id": account,
            "function_name": name,
            "arn": f"arn:aws:lambda:{EAST}:{account}:function:{name}",
            "vpc_id": "vpc-1" if subnets is not None else None,
            "subnet_ids": json.dumps(sorted(subnets or [])),
        }

    subnets = frame(
        "ec2.subnets",
        {"subnet_id": "subnet-a", "availability_zone": "us-east-1a"},
        {"subnet_id": "subnet-a2", "availability_zone": "us-east-1a"},
        {"subnet_id": "subnet-b", "availability_zone": "us-east-1b"},
        {"account_id": B, "subnet_id": "subnet-c", "availability_zone": "us-east-1c"},
    )
    functions = frame(
        "lambda.functions",
        function("two-zones", ["subnet-a", "subnet-b"]),
        function("one-zone", ["subnet-a", "subnet-a2"]),
        function("unknown-subnet", ["subnet-c"]),  # B's subnet, not A's
        function("outside", None),
    )
    inv = Inventory({"lambda.functions": functions, "ec2.subnets": subnets})
    assert results(inv, LAMBDA) == {
        "two-zones": ("PASS", "2 Availability Zone(s): us-east-1a, us-east-1b"),
        "one-zone": ("FAIL", "1 Availability Zone(s): us-east-1a"),
        "unknown-subnet": ("FAIL", "0 Availability Zone(s): none known"),
    }


def test_trails_without_a_log_group_fail() -> None:
    group = f"arn:aws:logs:{EAST}:{A}:log-group:trail:*"
    trails = frame(
        "cloudtrail.trails",
        {"name": "to-logs", "arn": "t1", "cloud_watch_logs_log_group_arn": group},
        {"name": "bucket-only", "arn": "t2"},
    )
    assert results(Inventory({"cloudtrail.trails": trails}), TRAIL) == {
        "t1": ("PASS", f"delivers to {group}"),
        "t2": ("FAIL", "no CloudWatch Logs log group"),
    }


def test_file_systems_without_automatic_backups_fail() -> None:
    def fs(fs_id: str, **fields: object) -> dict:
        arn = f"arn:aws:elasticfilesystem:{EAST}:{A}:file-system/{fs_id}"
        return {"file_system_id": fs_id, "arn": arn, "life_cycle_state": "available", **fields}

    systems = frame(
        "efs.file_systems",
        fs("fs-on", name="shared", backup_enabled=True),
        fs("fs-off", backup_enabled=False),
        fs("fs-unknown"),
        fs("fs-leaving", backup_enabled=False, life_cycle_state="deleting"),
    )
    assert results(Inventory({"efs.file_systems": systems}), BACKUPS) == {
        "fs-on": ("PASS", "shared: automatic backups on"),
        "fs-off": ("FAIL", "fs-off: automatic backups off"),
        "fs-unknown": ("FAIL", "fs-unknown: automatic backups off"),
    }


def test_access_points_must_root_clients_and_name_their_user() -> None:
    def point(point_id: str, **fields: object) -> dict:
        arn = f"arn:aws:elasticfilesystem:{EAST}:{A}:access-point/{point_id}"
        return {"access_point_id": point_id, "arn": arn, "file_system_id": "fs-1", **fields}

    points = frame(
        "efs.access_points",
        point("fsap-app", root_directory_path="/app", posix_user_uid=1000, posix_user_gid=1001),
        point("fsap-root", root_directory_path="/"),
        point("fsap-unknown"),
    )
    inv = Inventory({"efs.access_points": points})
    assert results(inv, "efs_access_point_root_directory_not_enforced") == {
        "fsap-app": ("PASS", "root directory /app"),
        "fsap-root": ("FAIL", "root directory / (the whole file system)"),
        "fsap-unknown": ("FAIL", "root directory / (the whole file system)"),
    }
    assert results(inv, "efs_access_point_user_identity_not_enforced") == {
        "fsap-app": ("PASS", "POSIX user 1000:1001"),
        "fsap-root": ("FAIL", "no POSIX user: clients' own ids apply"),
        "fsap-unknown": ("FAIL", "no POSIX user: clients' own ids apply"),
    }
    load_builtin()
    assert CHECKS["efs_access_point_root_directory_not_enforced"].frameworks == {
        "AWS-FSBP": ("EFS.3",)
    }
    assert CHECKS["efs_access_point_user_identity_not_enforced"].frameworks == {
        "AWS-FSBP": ("EFS.4",)
    }
