"""IAM checks over small hand-built inventories: which resources FAIL and which PASS, per check.

No sandbox: every table is built with ``REGISTRY[table].frame(rows)``. The estate below holds
account A (most resources), B and C (account-level contrasts, and a user named like one of A's),
and D (one more password policy).
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import SEVERITIES, load_builtin
from toolkit.checks.runner import run_checks
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

load_builtin()

ROOT = Path(__file__).resolve().parents[2]
A, B, C, D = "111111111111", "222222222222", "333333333333", "444444444444"
KEYS = {B: "B", C: "C", D: "D"}
STARTED = pd.Timestamp("2026-06-01T00:00:00Z")
IAM_TABLES = [name for name in TABLES if name.startswith("iam.")]
#: The KMS.1 and KMS.2 checks read IAM policies but answer FSBP KMS controls; they have their
#: own tests (test_checks_kms_policies.py).
KMS_CHECKS = {
    "iam_policy_allows_kms_decrypt_all_keys",
    "iam_inline_policy_allows_kms_decrypt_all_keys",
}
#: Checks over effective access read Identity Center and Organizations tables too; they are
#: tested with the access engine (test_access_engine.py) and against the planted truth.
ACCESS_CHECKS = {"iam_principal_path_to_admin", "iam_role_outside_trust_write_access"}
IAM_CHECKS = sorted(
    c.check_id
    for c in CHECKS.values()
    if c.builtin and c.service == "iam" and c.check_id not in KMS_CHECKS | ACCESS_CHECKS
)
#: Checks whose fix has no AWS CLI command (root user console settings), or no single one.
NO_CLI = {
    "iam_root_mfa_disabled",
    "iam_root_hardware_mfa_disabled",
    "iam_root_used_recently",
    "iam_cloudshell_full_access_attached",
}

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
SUPPORT = "arn:aws:iam::aws:policy/AWSSupportAccess"
CLOUDSHELL = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
DEPLOY = f"arn:aws:iam::{A}:policy/Deploy"
UNATTACHED = f"arn:aws:iam::{A}:policy/Unattached"
S3_ONLY = f"arn:aws:iam::{A}:policy/S3Only"
READ_ONLY = f"arn:aws:iam::{A}:policy/ReadOnly"


def ago(days: int) -> pd.Timestamp:
    return STARTED - pd.Timedelta(days=days)


def doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


FULL_ADMIN_DOC = doc({"Effect": "Allow", "Action": "*", "Resource": "*"})
S3_DOC = doc({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})


def frame(name: str, *rows: dict[str, Any]) -> pd.DataFrame:
    return TABLES[name].frame([{"account_id": A, "region": "global", **row} for row in rows])


def user(name: str, account: str = A, **row: Any) -> dict[str, Any]:
    return {
        "account_id": account,
        "user_name": name,
        "arn": f"arn:aws:iam::{account}:user/{name}",
        "password_enabled": False,
        "mfa_active": False,
        "attached_policy_arns": "[]",
        "inline_policy_names": "[]",
        "group_names": "[]",
        **row,
    }


def key(user_name: str, key_id: str, age: int, status: str = "Active") -> dict[str, Any]:
    return {
        "user_name": user_name,
        "access_key_id": key_id,
        "status": status,
        "create_date": ago(age),
        "age_days": age,
    }


def report(name: str, account: str = A, **row: Any) -> dict[str, Any]:
    arn = f"arn:aws:iam::{account}:" + ("root" if name == "<root_account>" else f"user/{name}")
    return {"account_id": account, "user": name, "arn": arn, **row}


def attachment(kind: str, name: str, policy_arn: str | None, **row: Any) -> dict[str, Any]:
    account = row.pop("account_id", A)
    return {
        "account_id": account,
        "principal_type": kind,
        "principal_name": name,
        "principal_arn": f"arn:aws:iam::{account}:{kind}/{name}",
        "policy_type": "managed" if policy_arn else "inline",
        "policy_name": row.pop("policy_name", (policy_arn or "").rsplit("/", 1)[-1]),
        "policy_arn": policy_arn,
        **row,
    }


def role(name: str, **row: Any) -> dict[str, Any]:
    return {
        "role_name": name,
        "arn": f"arn:aws:iam::{A}:role/{name}",
        "trust_policy": doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}}),
        "trusted_accounts": "[]",
        "trusts_external_account": False,
        "trusts_everyone": False,
        **row,
    }


def policy(arn: str, document: str, full_admin: bool, attachments: int) -> dict[str, Any]:
    return {
        "policy_name": arn.rsplit("/", 1)[-1],
        "arn": arn,
        "document": document,
        "allows_full_admin": full_admin,
        "attachment_count": attachments,
    }


def certificate(name: str, issued: int, valid: int, **row: Any) -> dict[str, Any]:
    return {
        "name": name,
        "id": f"ASCA{name.upper()}",
        "arn": f"arn:aws:iam::{A}:server-certificate/{name}",
        "path": "/",
        "upload_date": ago(issued),
        "expiration": ago(issued - valid),
        "expired": issued > valid,
        **row,
    }


def inventory(frames: dict[str, pd.DataFrame], meta: dict[str, Any] | None = None) -> Inventory:
    tables = {name: TABLES[name].empty() for name in IAM_TABLES}
    tables.update(frames)
    return Inventory(tables, meta={"started": STARTED.isoformat()} if meta is None else meta)


@pytest.fixture(scope="module")
def estate() -> Inventory:
    strong = {
        "configured": True,
        "minimum_length": 14,
        "require_symbols": True,
        "require_numbers": True,
        "require_uppercase": True,
        "require_lowercase": True,
        "reuse_prevention": 24,
    }
    return inventory(
        {
            "iam.users": frame(
                "iam.users",
                user("alice", password_enabled=True, mfa_active=True, group_names='["Admins"]'),
                user("bob", password_enabled=True, attached_policy_arns=json.dumps([ADMIN])),
                user("ci", attached_policy_arns=json.dumps([DEPLOY])),
                user("svc", inline_policy_names='["svc-inline"]'),
                user("ops", mfa_active=True, inline_policy_names='["ops-admin"]'),
                user("dora"),
                user("ci", account=B),
            ),
            "iam.access_keys": frame(
                "iam.access_keys",
                key("alice", "AKIAALICE", 10),
                key("ci", "AKIACI1", 200),
                key("ci", "AKIACI2", 500, status="Inactive"),
                key("svc", "AKIASVC1", 30),
                key("svc", "AKIASVC2", 100),
                key("ops", "AKIAOPS", 5),
                key("dora", "AKIADORA", 500, status="Inactive"),
            ),
            "iam.credential_report": frame(
                "iam.credential_report",
                report("<root_account>", password_last_used=ago(10)),
                report(
                    "<root_account>",
                    B,
                    password_last_used=ago(200),
                    access_key_1_active=True,
                    access_key_1_last_used_date=ago(100),
                ),
                report("<root_account>", C),
                report(
                    "alice",
                    password_enabled=True,
                    password_last_used=ago(5),
                    access_key_1_active=True,
                    access_key_1_last_used_date=ago(1),
                    access_key_1_last_rotated=ago(10),
                ),
                report(
                    "bob",
                    password_enabled=True,
                    password_last_changed=ago(60),
                    user_creation_time=ago(60),
                ),
                report(
                    "carol",
                    password_enabled=True,
                    password_last_used=ago(2),
                    access_key_1_active=True,
                    access_key_1_last_rotated=ago(2),
                ),
                report(
                    "ci",
                    password_enabled=False,
                    access_key_1_active=True,
                    access_key_1_last_used_date=ago(100),
                    access_key_1_last_rotated=ago(200),
                ),
                report(
                    "dora",
                    password_enabled=False,
                    access_key_1_active=False,
                    access_key_1_last_rotated=ago(500),
                ),
                report(
                    "eve",
                    password_enabled=True,
                    password_last_used=ago(3),
                    access_key_1_active=False,
                    access_key_2_active=True,
                    access_key_2_last_rotated=ago(120),
                ),
            ),
            "iam.account_summary": frame(
                "iam.account_summary",
                {"root_mfa_enabled": True, "root_access_keys_present": False},
                {"account_id": B, "root_mfa_enabled": False, "root_access_keys_present": True},
                {"account_id": C, "root_mfa_enabled": True, "root_access_keys_present": False},
            ),
            "iam.mfa_devices": frame(
                "iam.mfa_devices",
                {
                    "user_name": "alice",
                    "serial_number": f"arn:aws:iam::{A}:mfa/a",
                    "type": "virtual",
                },
                {"user_name": "ops", "serial_number": "GAHT12345678", "type": "hardware"},
                {
                    "account_id": C,
                    "user_name": "<root_account>",
                    "serial_number": f"arn:aws:iam::{C}:mfa/root-account-mfa-device",
                    "type": "virtual",
                },
            ),
            "iam.password_policy": frame(
                "iam.password_policy",
                strong,
                {"account_id": B, "configured": False},
                {
                    **strong,
                    "account_id": C,
                    "minimum_length": 8,
                    "require_symbols": False,
                    "reuse_prevention": None,
                },
                {**strong, "account_id": D, "reuse_prevention": 5},
            ),
            "iam.policies": frame(
                "iam.policies",
                policy(DEPLOY, FULL_ADMIN_DOC, True, 1),
                policy(UNATTACHED, FULL_ADMIN_DOC, True, 0),
                policy(S3_ONLY, S3_DOC, False, 0),
                policy(
                    READ_ONLY,
                    doc(
                        {"Effect": "Allow", "Action": ["s3:GetObject", "ec2:Describe*"]},
                        {"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
                    ),
                    False,
                    0,
                ),
            ),
            "iam.policy_attachments": frame(
                "iam.policy_attachments",
                attachment("user", "bob", ADMIN),
                attachment("user", "ci", DEPLOY),
                attachment("user", "svc", None, policy_name="svc-inline", document=S3_DOC),
                attachment("user", "ops", None, policy_name="ops-admin", document=FULL_ADMIN_DOC),
                attachment("group", "Admins", ADMIN),
                attachment("group", "Devs", CLOUDSHELL),
                attachment("role", "app", CLOUDSHELL),
                attachment("role", "Support", SUPPORT),
                attachment("role", "ReadOnlyRole", READ_ONLY, account_id=B),
                attachment("user", "helpdesk", SUPPORT, account_id=C),
            ),
            "iam.groups": frame(
                "iam.groups",
                {"group_name": "Admins", "arn": f"arn:aws:iam::{A}:group/Admins"},
                {"group_name": "Devs", "arn": f"arn:aws:iam::{A}:group/Devs"},
            ),
            "iam.server_certificates": frame(
                "iam.server_certificates",
                certificate("old-portal", issued=500, valid=397),
                certificate("api", issued=30, valid=397),
                # Listed as not expired when read, but expired by the collection's start.
                certificate("edge", issued=400, valid=399, expired=False),
            ),
            "iam.roles": frame(
                "iam.roles",
                role("app"),
                role("Support"),
                role(
                    "vendor",
                    trust_policy=doc(
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
                            "Condition": {"StringEquals": {"sts:ExternalId": "x"}},
                        }
                    ),
                    trusted_accounts='["999988887777"]',
                    trusts_external_account=True,
                ),
                role("open", trusts_everyone=True),
            ),
        }
    )


def verdicts(check_id: str, inv: Inventory) -> tuple[set[str], set[str]]:
    """(failed, passed) resource ids; those of accounts other than A are prefixed 'B/', 'C/'..."""
    out = CHECKS[check_id](inv)
    prefix = out["account_id"].map(KEYS).fillna("").astype(str)
    ids = (prefix + "/").where(prefix != "", "") + out["resource_id"].astype(str)
    failed = out["failed"].astype(bool)
    return set(ids[failed]), set(ids[~failed])


EXPECTED = {
    # root user
    "iam_root_access_keys_present": ({f"B/{B}"}, {A, f"C/{C}"}),
    "iam_root_mfa_disabled": ({f"B/{B}"}, {A, f"C/{C}"}),
    "iam_root_hardware_mfa_disabled": ({f"B/{B}", f"C/{C}"}, {A}),
    "iam_root_used_recently": ({A}, {f"B/{B}", f"C/{C}"}),
    # password policy
    "iam_password_policy_missing": ({f"B/{B}"}, {A, f"C/{C}", f"D/{D}"}),
    "iam_password_policy_weak": ({f"C/{C}", f"D/{D}"}, {A}),
    "iam_password_policy_minimum_length": ({f"B/{B}", f"C/{C}"}, {A, f"D/{D}"}),
    "iam_password_policy_reuse_prevention": ({f"B/{B}", f"C/{C}", f"D/{D}"}, {A}),
    # users
    "iam_user_console_without_mfa": ({"bob"}, {"alice", "ci", "svc", "ops", "dora", "B/ci"}),
    "iam_user_initial_access_key_unused": ({"carol", "eve"}, {"alice", "bob", "ci", "dora"}),
    "iam_user_credentials_unused_45_days": ({"bob", "ci", "eve"}, {"alice", "carol", "dora"}),
    "iam_user_credentials_unused_90_days": ({"ci", "eve"}, {"alice", "bob", "carol", "dora"}),
    "iam_user_multiple_active_keys": ({"svc"}, {"alice", "bob", "ci", "ops", "dora", "B/ci"}),
    "iam_user_access_key_older_than_90_days": (
        {"ci", "svc"},
        {"alice", "bob", "ops", "dora", "B/ci"},
    ),
    "iam_user_access_key_without_mfa": ({"ci", "svc"}, {"alice", "bob", "ops", "dora", "B/ci"}),
    "iam_user_policy_attached_directly": ({"bob", "ci", "svc", "ops"}, {"alice", "dora", "B/ci"}),
    "iam_user_admin_policy_attached": ({"bob", "ci", "ops"}, {"alice", "svc", "dora", "B/ci"}),
    "iam_user_inline_policy": ({"svc", "ops"}, {"alice", "bob", "ci", "dora", "B/ci"}),
    # policies
    "iam_policy_allows_full_admin": ({DEPLOY, UNATTACHED}, {S3_ONLY, READ_ONLY}),
    "iam_policy_allows_service_wildcard": ({S3_ONLY}, {DEPLOY, UNATTACHED, READ_ONLY}),
    # account-wide and principals
    "iam_support_role_missing": ({f"B/{B}", f"C/{C}"}, {A}),
    "iam_cloudshell_full_access_attached": (
        {"app", "Devs"},
        {"alice", "bob", "ci", "svc", "ops", "dora", "B/ci", "Admins", "Support", "vendor", "open"},
    ),
    # roles
    "iam_role_trusts_external_account": ({"vendor"}, {"app", "Support", "open"}),
    "iam_role_trusts_everyone": ({"open"}, {"app", "Support", "vendor"}),
    # server certificates
    "iam_server_certificate_expired": ({"old-portal", "edge"}, {"api"}),
}


@pytest.mark.parametrize("check_id", sorted(EXPECTED))
def test_check_fails_and_passes_exactly(check_id: str, estate: Inventory) -> None:
    assert verdicts(check_id, estate) == EXPECTED[check_id]


def test_every_iam_check_is_tested() -> None:
    assert set(IAM_CHECKS) == set(EXPECTED)
    assert all(failed and passed for failed, passed in EXPECTED.values())


def test_iam_checks_registered_with_complete_metadata() -> None:
    assert len(IAM_CHECKS) >= 15
    for check_id in IAM_CHECKS:
        entry = CHECKS[check_id]
        assert entry.check_id.startswith("iam_") and entry.service == "iam", check_id
        assert entry.severity in SEVERITIES and entry.builtin, check_id
        for field in ("title", "resource_type", "description", "risk", "remediation"):
            assert str(getattr(entry, field)).strip(), (check_id, field)
        assert entry.tables and all(t.startswith("iam.") for t in entry.tables), check_id
        assert set(entry.frameworks) <= {"CIS-3.0", "AWS-FSBP"}, check_id
        assert all(re.fullmatch(r"1\.\d+", c) for c in entry.frameworks.get("CIS-3.0", ()))
        assert all(re.fullmatch(r"IAM\.\d+", c) for c in entry.frameworks.get("AWS-FSBP", ()))
        if check_id not in NO_CLI:
            assert entry.remediation_cli.startswith("aws iam "), check_id
        fields = {f for _, f, _, _ in string.Formatter().parse(entry.remediation_cli) if f}
        assert fields <= {"resource_id", "account_id"}, check_id


def test_cis_section_1_controls_covered() -> None:
    covered = {c for i in IAM_CHECKS for c in CHECKS[i].frameworks.get("CIS-3.0", ())}
    decidable = {f"1.{n}" for n in range(4, 18)} | {"1.19", "1.22"}
    assert covered == decidable


def test_demo_estate_plants_exist_as_checks() -> None:
    def planted(node: Any) -> set[str]:
        if isinstance(node, dict):
            own = set(node.get("planted") or [])
            return own.union(*(planted(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(planted(v) for v in node))
        return set()

    estate = yaml.safe_load((ROOT / "toolkit" / "data" / "estates" / "demo.yaml").read_text())
    iam_planted = {p for p in planted(estate) if p.startswith("iam_")}
    assert iam_planted and iam_planted <= set(IAM_CHECKS) | KMS_CHECKS | ACCESS_CHECKS


def test_weak_password_policy_names_its_weaknesses(estate: Inventory) -> None:
    out = CHECKS["iam_password_policy_weak"](estate).set_index("account_id")["detail"]
    assert out[C] == ("minimum length 8; symbols not required; no password reuse prevention")
    assert out[D] == "remembers 5 passwords" and out[A] == "strong"


def test_details_name_keys_policies_and_trust(estate: Inventory) -> None:
    def detail(check_id: str, resource_id: str, account: str = A) -> str:
        out = CHECKS[check_id](estate)
        row = out[(out["resource_id"] == resource_id) & (out["account_id"] == account)]
        return str(row["detail"].iloc[0])

    assert detail("iam_user_access_key_older_than_90_days", "svc") == (
        "active keys: AKIASVC1 (30 days), AKIASVC2 (100 days)"
    )
    assert detail("iam_user_admin_policy_attached", "ops") == "admin policies: ops-admin"
    assert detail("iam_user_policy_attached_directly", "bob") == "managed: AdministratorAccess"
    assert detail("iam_role_trusts_external_account", "vendor") == (
        "trusts accounts 999988887777 (with sts:ExternalId)"
    )
    assert detail("iam_root_hardware_mfa_disabled", C, C).startswith("virtual MFA device arn:")
    assert detail("iam_user_credentials_unused_45_days", "eve") == (
        "access key 2 unused for 45+ days"
    )


def test_expired_certificate_details(estate: Inventory) -> None:
    out = CHECKS["iam_server_certificate_expired"](estate).set_index("resource_id")["detail"]
    assert out["old-portal"] == "expired 2026-02-18 (103 days before the collection)"
    assert out["edge"] == "expired 2026-05-31 (1 day before the collection)"
    assert out["api"] == "valid until 2027-06-03"


def test_dates_are_judged_from_the_collection_start(estate: Inventory) -> None:
    later = inventory({t: estate[t] for t in estate}, meta={"started": "2027-06-01T00:00:00Z"})
    assert verdicts("iam_root_used_recently", later)[0] == set()
    assert verdicts("iam_user_credentials_unused_45_days", later)[0] == {
        "alice",
        "bob",
        "carol",
        "ci",
        "eve",
    }
    recent = pd.Timestamp.now(tz="UTC") - pd.Timedelta(days=1)
    undated = inventory(
        {
            "iam.credential_report": frame(
                "iam.credential_report", report("<root_account>", password_last_used=recent)
            )
        },
        meta={},
    )
    assert verdicts("iam_root_used_recently", undated) == ({A}, set())


def test_checks_run_on_empty_tables() -> None:
    findings = run_checks(inventory({}), checks=IAM_CHECKS)
    assert findings.empty
    for check_id in IAM_CHECKS:
        out = CHECKS[check_id](inventory({}))
        assert out.empty and "failed" in out, check_id


def test_run_checks_reports_every_iam_check(estate: Inventory) -> None:
    findings = run_checks(estate, checks=[*IAM_CHECKS, *sorted(KMS_CHECKS)])
    assert set(findings["check_id"]) == set(IAM_CHECKS) | KMS_CHECKS
    assert set(findings["status"].astype(str)) == {"FAIL", "PASS"}
    fails = findings[findings["status"] == "FAIL"]
    assert set(fails.loc[fails["check_id"] == "iam_user_console_without_mfa", "resource_id"]) == {
        "bob"
    }
