"""RDS, Lambda, KMS and CloudTrail checks on small inventories built by hand: exactly which
resources FAIL and which PASS."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("rds", "lambda", "kms", "cloudtrail")
A, B, C, D, E = (str(n) * 12 for n in range(1, 6))
EAST, WEST = "us-east-1", "eu-west-1"


def table(name: str, *rows: dict, **base) -> pd.DataFrame:
    return TABLES[name].frame({**base, **row} for row in rows)


def results(inv: Inventory, check: str) -> dict[str, str]:
    """resource id -> status of one check's rows."""
    findings = toolkit.run_checks(inv, checks=check)
    assert set(findings["check_id"]) <= {check}
    return dict(zip(findings["resource_id"], findings["status"].astype(str), strict=True))


def details(inv: Inventory, check: str) -> dict[str, str]:
    findings = toolkit.run_checks(inv, checks=check)
    return dict(zip(findings["resource_id"], findings["detail"], strict=True))


# -- metadata ----------------------------------------------------------------------------------
def workload_checks() -> list:
    load_builtin()
    return [c for c in CHECKS.values() if c.builtin and c.service in SERVICES]


def test_checks_are_registered_with_complete_metadata() -> None:
    checks = workload_checks()
    assert len(checks) >= 18
    for entry in checks:
        assert entry.check_id.startswith(entry.service + "_"), entry.check_id
        assert entry.resource_type.startswith("AWS::"), entry.check_id
        # ec2: Lambda.5 reads the zones of a function's subnets from ec2.subnets
        assert all(t.split(".")[0] in (*SERVICES, "s3", "ec2") for t in entry.tables), (
            entry.check_id
        )
        assert set(entry.frameworks) <= {"CIS-3.0", "AWS-FSBP"}, entry.check_id
        placeholders = set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli))
        assert placeholders <= {"resource_id", "account_id", "region"}, entry.check_id
        assert entry.remediation_cli.startswith("aws "), entry.check_id


def test_cis_sections_2_3_and_3_are_covered() -> None:
    cis = {i for c in workload_checks() for i in c.frameworks.get("CIS-3.0", ())}
    # 3.3 (AWS Config) and 3.7 (VPC flow logs) need tables the inventory does not have.
    assert cis == {"2.3.1", "2.3.2", "2.3.3", "3.1", "3.2", "3.4", "3.5", "3.6", "3.8", "3.9"}


def planted_ids(node) -> set[str]:
    """Every check id named in a ``planted:`` list anywhere in the estate."""
    if isinstance(node, dict):
        found = set(node.get("planted") or [])
        return found.union(*(planted_ids(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(planted_ids(v) for v in node))
    return set()


def test_every_planted_check_of_these_services_exists() -> None:
    estate = yaml.safe_load((ROOT / "toolkit" / "data" / "estates" / "demo.yaml").read_text())
    planted = {p for p in planted_ids(estate) if p.split("_")[0] in SERVICES}
    known = {c.check_id for c in workload_checks()}
    assert planted and planted <= known, planted - known


@pytest.mark.parametrize("check_id", sorted(c.check_id for c in workload_checks()))
def test_every_check_runs_on_empty_tables(check_id: str) -> None:
    entry = CHECKS[check_id]
    inv = Inventory({name: TABLES[name].empty() for name in entry.tables})
    findings = toolkit.run_checks(inv, checks=check_id)
    assert findings.empty


# -- RDS ---------------------------------------------------------------------------------------
def rds_inventory() -> Inventory:
    instances = table(
        "rds.db_instances",
        {
            "db_instance_identifier": "open-db",
            "publicly_accessible": True,
            "storage_encrypted": False,
            "auto_minor_version_upgrade": False,
            "deletion_protection": False,
            "backup_retention_days": 1,
            "multi_az": False,
        },
        {
            "db_instance_identifier": "good-db",
            "publicly_accessible": False,
            "storage_encrypted": True,
            "kms_key_id": "arn:aws:kms:us-east-1:111111111111:key/k",
            "auto_minor_version_upgrade": True,
            "deletion_protection": True,
            "backup_retention_days": 7,
            "multi_az": True,
        },
        {
            "db_instance_identifier": "no-backup-db",
            "publicly_accessible": False,
            "storage_encrypted": True,
            "auto_minor_version_upgrade": True,
            "deletion_protection": True,
            "backup_retention_days": 0,
            "multi_az": True,
        },
        {  # an Aurora member: protection, backups and Multi-AZ belong to its cluster
            "db_instance_identifier": "aurora-1",
            "db_cluster_identifier": "aurora",
            "publicly_accessible": False,
            "storage_encrypted": True,
            "auto_minor_version_upgrade": True,
            "deletion_protection": False,
            "backup_retention_days": 1,
            "multi_az": False,
        },
        account_id=A,
        region=EAST,
        engine="postgres",
        engine_version="16.3",
        port=5432,
    )
    clusters = table(
        "rds.db_clusters",
        {"db_cluster_identifier": "aurora", "storage_encrypted": True, "deletion_protection": True},
        {
            "db_cluster_identifier": "plain",
            "storage_encrypted": False,
            "deletion_protection": False,
        },
        account_id=A,
        region=WEST,
    )
    snapshots = table(
        "rds.db_snapshots",
        {"snapshot_identifier": "leaky", "kind": "instance", "db_instance_identifier": "open-db",
         "encrypted": False, "public": True, "shared_with_accounts": "[]"},
        {"snapshot_identifier": "shared", "kind": "instance", "db_instance_identifier": "good-db",
         "encrypted": True, "public": False, "shared_with_accounts": json.dumps([B])},
        {"snapshot_identifier": "cluster-snap", "kind": "cluster", "db_cluster_identifier": "aurora",
         "encrypted": True, "public": False, "shared_with_accounts": "[]"},
        # RDS's own backups: never shared, as encrypted as their database
        {"snapshot_identifier": "rds:open-db-2024-01-01-00-00", "kind": "instance",
         "db_instance_identifier": "open-db", "snapshot_type": "automated", "encrypted": False,
         "public": False, "shared_with_accounts": "[]"},
        {"snapshot_identifier": "rds:aurora-2024-01-01-00-00", "kind": "cluster",
         "db_cluster_identifier": "aurora", "snapshot_type": "automated", "encrypted": True,
         "public": False, "shared_with_accounts": "[]"},
        account_id=A,
        region=EAST,
        snapshot_type="manual",
    )  # fmt: skip
    return Inventory(
        {"rds.db_instances": instances, "rds.db_clusters": clusters, "rds.db_snapshots": snapshots}
    )


@pytest.mark.parametrize(
    "check_id, expected",
    [
        (
            "rds_instance_storage_unencrypted",
            {"open-db": "FAIL", "good-db": "PASS", "no-backup-db": "PASS", "aurora-1": "PASS"},
        ),
        (
            "rds_instance_auto_minor_version_upgrade_disabled",
            {"open-db": "FAIL", "good-db": "PASS", "no-backup-db": "PASS", "aurora-1": "PASS"},
        ),
        (
            "rds_instance_publicly_accessible",
            {"open-db": "FAIL", "good-db": "PASS", "no-backup-db": "PASS", "aurora-1": "PASS"},
        ),
        (
            "rds_instance_deletion_protection_disabled",
            {"open-db": "FAIL", "good-db": "PASS", "no-backup-db": "PASS"},
        ),
        (
            "rds_instance_backup_retention_too_short",
            {"open-db": "FAIL", "good-db": "PASS", "no-backup-db": "FAIL"},
        ),
        (
            "rds_instance_multi_az_disabled",
            {"open-db": "FAIL", "good-db": "PASS", "no-backup-db": "PASS"},
        ),
        ("rds_cluster_storage_unencrypted", {"aurora": "PASS", "plain": "FAIL"}),
        ("rds_cluster_deletion_protection_disabled", {"aurora": "PASS", "plain": "FAIL"}),
        (
            "rds_snapshot_public",
            {
                "leaky": "FAIL",
                "shared": "PASS",
                "cluster-snap": "PASS",
                "rds:open-db-2024-01-01-00-00": "PASS",
                "rds:aurora-2024-01-01-00-00": "PASS",
            },
        ),
        (
            "rds_snapshot_unencrypted",
            {
                "leaky": "FAIL",
                "shared": "PASS",
                "cluster-snap": "PASS",
                "rds:open-db-2024-01-01-00-00": "FAIL",
                "rds:aurora-2024-01-01-00-00": "PASS",
            },
        ),
    ],
)
def test_rds_checks(check_id: str, expected: dict[str, str]) -> None:
    assert results(rds_inventory(), check_id) == expected


def test_rds_findings_carry_region_arn_and_detail() -> None:
    findings = toolkit.run_checks(rds_inventory(), checks="rds_instance_publicly_accessible")
    row = findings[findings["resource_id"] == "open-db"].iloc[0]
    assert (row["account_id"], row["region"]) == (A, EAST)
    assert row["detail"].startswith("public endpoint") and "CIS-3.0 2.3.3" in row["frameworks"]
    clusters = toolkit.run_checks(rds_inventory(), checks="rds_cluster_storage_unencrypted")
    assert set(clusters["region"]) == {WEST}
    text = details(rds_inventory(), "rds_snapshot_unencrypted")
    assert text["rds:open-db-2024-01-01-00-00"] == (
        "automated instance snapshot of open-db, not encrypted"
    )
    assert text["cluster-snap"] == "manual cluster snapshot of aurora, encrypted"


# -- Lambda ------------------------------------------------------------------------------------
PUBLIC_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "public-invoke", "Effect": "Allow", "Principal": "*",
             "Action": "lambda:InvokeFunction", "Resource": "*"},
        ],
    }
)  # fmt: skip
SERVICE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
             "Action": "lambda:InvokeFunction", "Resource": "*",
             "Condition": {"StringEquals": {"AWS:SourceAccount": A}}},
        ],
    }
)  # fmt: skip


def lambda_inventory(started: str | None = None, runtime: str = "python3.8") -> Inventory:
    functions = table(
        "lambda.functions",
        {"function_name": "webhook", "runtime": runtime, "url": "https://x.lambda-url.on.aws/",
         "url_auth_type": "NONE", "policy": PUBLIC_POLICY, "policy_public": True},
        {"function_name": "internal", "runtime": "python3.13", "url": "https://y.lambda-url.on.aws/",
         "url_auth_type": "AWS_IAM", "policy": SERVICE_POLICY, "policy_public": False},
        {"function_name": "image", "runtime": None, "policy_public": False},
        account_id=A,
        region=EAST,
    )  # fmt: skip
    return Inventory({"lambda.functions": functions}, meta={"started": started} if started else {})


@pytest.mark.parametrize(
    "check_id, expected",
    [
        (
            "lambda_function_url_without_auth",
            {"webhook": "FAIL", "internal": "PASS", "image": "PASS"},
        ),
        ("lambda_function_public_policy", {"webhook": "FAIL", "internal": "PASS", "image": "PASS"}),
        # A container image function has no runtime: not evaluated.
        ("lambda_function_runtime_deprecated", {"webhook": "FAIL", "internal": "PASS"}),
    ],
)
def test_lambda_checks(check_id: str, expected: dict[str, str]) -> None:
    assert results(lambda_inventory(), check_id) == expected


def test_lambda_public_policy_names_the_statement() -> None:
    found = details(lambda_inventory(), "lambda_function_public_policy")
    assert found["webhook"] == "public; wildcard statements: public-invoke"
    assert found["image"] == "no resource policy"


def test_lambda_runtime_is_judged_on_the_day_of_collection() -> None:
    check = "lambda_function_runtime_deprecated"
    before = lambda_inventory("2026-04-29T23:00:00+00:00", runtime="nodejs20.x")
    on_the_day = lambda_inventory("2026-04-30T08:00:00+00:00", runtime="nodejs20.x")
    assert results(before, check) == {"webhook": "PASS", "internal": "PASS"}
    assert results(on_the_day, check) == {"webhook": "FAIL", "internal": "PASS"}
    assert details(on_the_day, check)["webhook"] == "nodejs20.x deprecated on 2026-04-30"


# -- KMS ---------------------------------------------------------------------------------------
OWN_POLICY = json.dumps(
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{A}:root"},
                    "Action": "kms:*", "Resource": "*"}]}
)  # fmt: skip
OPEN_POLICY = json.dumps(
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt",
                    "Resource": "*"}]}
)  # fmt: skip


def kms_inventory() -> Inventory:
    def key(key_id: str, **values) -> dict:
        return {"key_id": key_id, "arn": f"arn:aws:kms:{EAST}:{A}:key/{key_id}",
                "aliases": json.dumps([f"alias/{key_id}"]), "key_manager": "CUSTOMER",
                "key_state": "Enabled", "enabled": True, "key_spec": "SYMMETRIC_DEFAULT",
                "rotation_enabled": True, "policy": OWN_POLICY, **values}  # fmt: skip

    keys = table(
        "kms.keys",
        key("rotating"),
        key("stale", rotation_enabled=False),
        key("signing", key_spec="RSA_2048", rotation_enabled=None),
        key("leaving", key_state="PendingDeletion", enabled=False, rotation_enabled=None),
        key("parked", key_state="Disabled", enabled=False, rotation_enabled=False),
        key("open", policy=OPEN_POLICY),
        # AWS managed keys are AWS's to rotate: never evaluated, whatever KeyManager says.
        key("aws-managed", key_manager="AWS", rotation_enabled=None),
        key("aws-ebs", aliases=json.dumps(["alias/aws/ebs"]), rotation_enabled=False),
        account_id=A,
        region=EAST,
    )
    return Inventory({"kms.keys": keys})


CUSTOMER_KEYS = ("rotating", "stale", "signing", "leaving", "parked", "open")


def only(failing: set[str], keys=CUSTOMER_KEYS) -> dict[str, str]:
    return {k: "FAIL" if k in failing else "PASS" for k in keys}


@pytest.mark.parametrize(
    "check_id, expected",
    [
        ("kms_key_rotation_disabled", only({"stale"}, ("rotating", "stale", "open"))),
        ("kms_key_pending_deletion", only({"leaving"})),
        ("kms_key_disabled", only({"parked"})),
        ("kms_key_policy_public", only({"open"})),
    ],
)
def test_kms_checks(check_id: str, expected: dict[str, str]) -> None:
    assert results(kms_inventory(), check_id) == expected


# -- CloudTrail --------------------------------------------------------------------------------
def arn(account: str, name: str, region: str = EAST) -> str:
    return f"arn:aws:cloudtrail:{region}:{account}:trail/{name}"


def trail(account: str, name: str, **values) -> dict:
    return {"account_id": account, "region": EAST, "name": name, "arn": arn(account, name),
            "home_region": EAST, "s3_bucket_name": f"{name}-logs", "is_multi_region": True,
            "is_logging": True, "log_file_validation_enabled": True,
            "kms_key_id": f"arn:aws:kms:{EAST}:{account}:key/k", "is_organization_trail": False,
            "has_custom_event_selectors": False, **values}  # fmt: skip


def basic(account: str, name: str, rw: str = "All", management: bool = True, data=()) -> dict:
    return {"account_id": account, "region": EAST, "trail_arn": arn(account, name),
            "trail_name": name, "kind": "basic", "read_write_type": rw,
            "include_management_events": management, "exclude_management_event_sources": "[]",
            "data_resources": json.dumps(list(data))}  # fmt: skip


def advanced(account: str, name: str, *fields: dict) -> dict:
    category = next(f["Equals"][0] for f in fields if f["Field"] == "eventCategory")
    return {"account_id": account, "region": EAST, "trail_arn": arn(account, name),
            "trail_name": name, "kind": "advanced", "include_management_events":
            category == "Management",
            "advanced_selectors": json.dumps({"Name": name, "FieldSelectors": list(fields)})}  # fmt: skip


S3_ALL = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}
S3_ONE = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::one-bucket/"]}
DATA = {"Field": "eventCategory", "Equals": ["Data"]}
S3_OBJECTS = {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}
WRITES = {"Field": "readOnly", "Equals": ["false"]}


def cloudtrail_inventory(errors: list[dict] | None = None) -> Inventory:
    """A: one good trail (all management events, S3 data events of every bucket).
    B: a single-region trail and a stopped one. C: no trail at all (seen through S3).
    D: read-only and write-only selectors together, advanced S3 write events only.
    E: read-only management events, and S3 data events of one bucket only."""
    trails = table(
        "cloudtrail.trails",
        trail(A, "a-main"),
        trail(B, "b-local", is_multi_region=False, log_file_validation_enabled=False,
              kms_key_id=None, s3_bucket_name="b-logs"),
        trail(B, "b-stopped", is_logging=False, s3_bucket_name="b-logs"),
        trail(D, "d-split", has_custom_event_selectors=True),
        trail(E, "e-readonly", has_custom_event_selectors=True),
    )  # fmt: skip
    selectors = table(
        "cloudtrail.event_selectors",
        basic(A, "a-main", data=[S3_ALL]),
        basic(B, "b-local"),
        basic(B, "b-stopped", data=[S3_ALL]),
        basic(D, "d-split", rw="ReadOnly"),
        basic(D, "d-split", rw="WriteOnly"),
        advanced(D, "d-split", DATA, S3_OBJECTS, WRITES),
        basic(E, "e-readonly", rw="ReadOnly", data=[S3_ONE]),
    )
    buckets = table(
        "s3.buckets",
        {"account_id": A, "name": "a-main-logs", "logging_enabled": True,
         "logging_target_bucket": "a-access-logs", "acl_public": False, "policy_public": False},
        {"account_id": B, "name": "b-logs", "logging_enabled": False, "acl_public": True,
         "policy_public": False, "pab_ignore_public_acls": False,
         "account_pab_ignore_public_acls": False, "object_ownership": "ObjectWriter"},
        {"account_id": C, "name": "c-data", "logging_enabled": False, "acl_public": True},
        {"account_id": E, "name": "e-readonly-logs", "logging_enabled": False, "acl_public": True,
         "policy_public": True, "account_pab_ignore_public_acls": True,
         "pab_restrict_public_buckets": True},
        region=EAST,
    )  # fmt: skip
    buckets["arn"] = "arn:aws:s3:::" + buckets["name"]
    frames = {"cloudtrail.trails": trails, "cloudtrail.event_selectors": selectors,
              "s3.buckets": buckets}  # fmt: skip
    return Inventory(frames, pd.DataFrame(errors or []))


@pytest.mark.parametrize(
    "check_id, expected",
    [
        ("cloudtrail_not_enabled", {A: "PASS", B: "FAIL", C: "FAIL", D: "PASS", E: "FAIL"}),
        (
            "cloudtrail_s3_write_events_not_logged",
            {A: "PASS", B: "FAIL", C: "FAIL", D: "PASS", E: "FAIL"},
        ),
        (
            "cloudtrail_s3_read_events_not_logged",
            {A: "PASS", B: "FAIL", C: "FAIL", D: "FAIL", E: "FAIL"},
        ),
    ],
)
def test_cloudtrail_account_checks(check_id: str, expected: dict[str, str]) -> None:
    assert results(cloudtrail_inventory(), check_id) == expected
    findings = toolkit.run_checks(cloudtrail_inventory(), checks=check_id)
    assert set(findings["region"]) == {"global"}


def test_cloudtrail_not_enabled_says_what_each_trail_lacks() -> None:
    found = details(cloudtrail_inventory(), "cloudtrail_not_enabled")
    assert found[A] == "covered by a-main"
    assert found[B].endswith("trails: b-local (single-region), b-stopped (not logging)")
    assert found[C].endswith("trails: none")
    assert found[E].endswith("trails: e-readonly (not all management events)")


TRAILS = {arn(A, "a-main"), arn(B, "b-local"), arn(B, "b-stopped"), arn(D, "d-split"),
          arn(E, "e-readonly")}  # fmt: skip


@pytest.mark.parametrize(
    "check_id, failing",
    [
        ("cloudtrail_multi_region_disabled", {arn(B, "b-local")}),
        ("cloudtrail_logging_disabled", {arn(B, "b-stopped")}),
        ("cloudtrail_log_file_validation_disabled", {arn(B, "b-local")}),
        ("cloudtrail_kms_encryption_disabled", {arn(B, "b-local")}),
    ],
)
def test_cloudtrail_trail_checks(check_id: str, failing: set[str]) -> None:
    expected = {t: "FAIL" if t in failing else "PASS" for t in TRAILS}
    assert results(cloudtrail_inventory(), check_id) == expected


@pytest.mark.parametrize(
    "check_id, expected",
    [
        # c-data carries no trail's logs; d-split-logs is outside the inventory.
        ("cloudtrail_bucket_public", {"a-main-logs": "PASS", "b-logs": "FAIL",
                                      "e-readonly-logs": "PASS"}),
        ("cloudtrail_bucket_access_logging_disabled", {"a-main-logs": "PASS", "b-logs": "FAIL",
                                                       "e-readonly-logs": "FAIL"}),
    ],
)  # fmt: skip
def test_cloudtrail_bucket_checks(check_id: str, expected: dict[str, str]) -> None:
    assert results(cloudtrail_inventory(), check_id) == expected


def test_cloudtrail_bucket_finding_is_the_buckets_and_names_its_trails() -> None:
    findings = toolkit.run_checks(cloudtrail_inventory(), checks="cloudtrail_bucket_public")
    row = findings[findings["resource_id"] == "b-logs"].iloc[0]
    assert (row["account_id"], row["resource_arn"]) == (B, "arn:aws:s3:::b-logs")
    assert row["detail"] == (f"bucket of trail {B}/b-local, {B}/b-stopped: public through its ACL")


def test_organization_trail_covers_the_organizations_accounts() -> None:
    org_trail = trail(A, "org", is_organization_trail=True)
    trails = table("cloudtrail.trails", org_trail)
    selectors = table("cloudtrail.event_selectors", basic(A, "org"))
    members = table("organizations.accounts", {"id": A}, {"id": B}, account_id=A, region="global")
    inv = Inventory(
        {"cloudtrail.trails": trails, "cloudtrail.event_selectors": selectors,
         "organizations.accounts": members},
        meta={"accounts": [A, B, C]},  # C was read, but belongs to another organization
    )  # fmt: skip
    assert results(inv, "cloudtrail_not_enabled") == {A: "PASS", B: "PASS", C: "FAIL"}
    assert (
        details(inv, "cloudtrail_not_enabled")[B] == f"covered by org (organization trail of {A})"
    )


def test_account_whose_trails_were_not_read_is_an_error_not_a_fail() -> None:
    gap = {"account_id": C, "region": WEST, "table": "cloudtrail.trails", "service": "cloudtrail",
           "error_code": "AccessDenied", "message": "denied"}  # fmt: skip
    findings = toolkit.run_checks(cloudtrail_inventory([gap]), checks="cloudtrail_not_enabled")
    c_rows = findings[findings["account_id"] == C]
    assert list(c_rows["status"].astype(str)) == ["ERROR"]
    # Accounts read in full are judged as before.
    judged = findings[findings["status"] != "ERROR"]
    assert dict(zip(judged["resource_id"], judged["status"].astype(str), strict=True)) == {
        A: "PASS", B: "FAIL", D: "PASS", E: "FAIL"
    }  # fmt: skip
