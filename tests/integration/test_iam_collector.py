"""IAM tables hold exactly what plain boto3 lists and what the estate seeded, in few calls."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

IAM_TABLES = {name for name in REGISTRY if name.startswith("iam.")}


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="iam", progress=False)


@pytest.fixture(scope="module")
def boto3_view(sandbox: Sandbox) -> dict[str, dict[str, Any]]:
    """Per account, what plain boto3 lists: the reference the tables must equal."""
    view = {}
    for account_id in sandbox.truth.account_ids:
        iam = sandbox.client(sandbox.boto3_session(account_id), "iam")
        users = iam.list_users()["Users"]
        view[account_id] = {
            "users": {u["Arn"]: u for u in users},
            "roles": {r["Arn"]: r for r in iam.list_roles()["Roles"]},
            "groups": {g["Arn"]: g for g in iam.list_groups()["Groups"]},
            "policies": {p["Arn"]: p for p in iam.list_policies(Scope="Local")["Policies"]},
            "access_keys": {
                k["AccessKeyId"]: k
                for u in users
                for k in iam.list_access_keys(UserName=u["UserName"])["AccessKeyMetadata"]
            },
        }
    return view


def _rows(frame: pd.DataFrame, account_id: str) -> pd.DataFrame:
    return frame[frame["account_id"] == account_id]


def _one(frame: pd.DataFrame, account_id: str, column: str, value: str) -> pd.Series:
    found = frame[(frame["account_id"] == account_id) & (frame[column] == value)]
    assert len(found) == 1, (account_id, column, value, len(found))
    return found.iloc[0]


def test_no_errors_and_every_table(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert set(inventory.tables) == IAM_TABLES
    assert len(IAM_TABLES) == 12
    for name, frame in inventory.items():
        assert list(frame.columns) == [c.name for c in REGISTRY[name].columns], name
        assert (frame["region"] == "global").all(), name
        assert frame["account_id"].notna().all(), name


def test_principals_and_policies_match_boto3(
    sandbox: Sandbox, inventory: Inventory, boto3_view: dict[str, dict[str, Any]]
) -> None:
    users, roles = inventory["iam.users"], inventory["iam.roles"]
    groups, policies = inventory["iam.groups"], inventory["iam.policies"]
    for account_id in sandbox.truth.account_ids:
        seen = boto3_view[account_id]
        for frame, kind, name_column, name_key in (
            (users, "users", "user_name", "UserName"),
            (roles, "roles", "role_name", "RoleName"),
            (groups, "groups", "group_name", "GroupName"),
            (policies, "policies", "policy_name", "PolicyName"),
        ):
            rows = _rows(frame, account_id).set_index("arn")
            assert sorted(rows.index) == sorted(seen[kind]), (account_id, kind)
            for arn, listed in seen[kind].items():
                assert rows.loc[arn, name_column] == listed[name_key]
        for arn, user in seen["users"].items():
            row = _rows(users, account_id).set_index("arn").loc[arn]
            assert row["user_id"] == user["UserId"]
            assert row["create_date"] == pd.Timestamp(user["CreateDate"])
        for arn, role in seen["roles"].items():
            row = _rows(roles, account_id).set_index("arn").loc[arn]
            assert row["role_id"] == role["RoleId"]
            assert row["max_session_duration"] == role["MaxSessionDuration"]
            assert json.loads(row["trust_policy"]) == role["AssumeRolePolicyDocument"]
            assert bool(row["is_service_linked"]) == role["Path"].startswith("/aws-service-role/")
        for arn, policy in seen["policies"].items():
            row = _rows(policies, account_id).set_index("arn").loc[arn]
            assert row["policy_id"] == policy["PolicyId"]
            assert row["default_version_id"] == policy["DefaultVersionId"]
            assert row["attachment_count"] == policy["AttachmentCount"]


def test_access_keys_match_boto3_and_truth(
    sandbox: Sandbox, inventory: Inventory, boto3_view: dict[str, dict[str, Any]]
) -> None:
    keys = inventory["iam.access_keys"]
    for account_id in sandbox.truth.account_ids:
        seen = boto3_view[account_id]["access_keys"]
        rows = _rows(keys, account_id).set_index("access_key_id")
        assert sorted(rows.index) == sorted(seen), account_id
        for key_id, key in seen.items():
            assert rows.loc[key_id, "user_name"] == key["UserName"]
            assert rows.loc[key_id, "status"] == key["Status"]
            assert rows.loc[key_id, "create_date"] == pd.Timestamp(key["CreateDate"])
    by_id = keys.set_index("access_key_id")
    assert sorted(by_id.index) == sorted(
        k for u in sandbox.truth.iam_users for k in u["access_keys"]
    )
    for user in sandbox.truth.iam_users:
        for key_id in user["access_keys"]:
            age = by_id.loc[key_id, "age_days"]
            assert by_id.loc[key_id, "user_name"] == user["name"]
            if user["access_key_age_days"]:
                assert age >= user["access_key_age_days"], (user["name"], age)
            else:
                assert 0 <= age < 2, (user["name"], age)
            use, row = user["access_keys_last_used"][key_id], by_id.loc[key_id]
            used = ["last_used_date", "last_used_service", "last_used_region"]
            if use is None:
                assert row[used].isna().all(), (user["name"], key_id)
                continue
            assert (row["last_used_service"], row["last_used_region"]) == (
                use["service"],
                use["region"],
            )
            assert (pd.Timestamp.now(tz="UTC") - row["last_used_date"]).days >= use["days"]
    assert by_id["last_used_date"].notna().any() and by_id["last_used_date"].isna().any()
    legacy = next(u for u in sandbox.truth.iam_users if u["name"] == "legacy-app")
    assert legacy["access_key_age_days"] == 400
    assert (by_id.loc[legacy["access_keys"], "age_days"] >= 400).all()


def test_server_certificates_match_boto3_and_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    certificates = inventory["iam.server_certificates"]
    for account_id in sandbox.truth.account_ids:
        iam = sandbox.client(sandbox.boto3_session(account_id), "iam")
        listed = iam.list_server_certificates()["ServerCertificateMetadataList"]
        rows = _rows(certificates, account_id).set_index("arn")
        assert sorted(rows.index) == sorted(c["Arn"] for c in listed), account_id
        for certificate in listed:
            row = rows.loc[certificate["Arn"]]
            assert (row["name"], row["id"], row["path"]) == (
                certificate["ServerCertificateName"],
                certificate["ServerCertificateId"],
                certificate["Path"],
            )
            assert row["upload_date"] == pd.Timestamp(certificate["UploadDate"])
            assert row["expiration"] == pd.Timestamp(certificate["Expiration"])
    seeded = sandbox.truth.iam_server_certificates
    assert {c["expired"] for c in seeded} == {True, False}
    by_arn = certificates.set_index("arn")
    assert sorted(by_arn.index) == sorted(c["arn"] for c in seeded)
    for certificate in seeded:
        row = by_arn.loc[certificate["arn"]]
        assert row["account_id"] == certificate["account_id"]
        assert (row["name"], row["id"], row["path"]) == (
            certificate["name"],
            certificate["id"],
            certificate["path"],
        )
        assert row["expiration"] == pd.Timestamp(certificate["expiration"])
        assert bool(row["expired"]) is certificate["expired"]
        assert row["upload_date"] < row["expiration"]
    assert by_arn["id"].is_unique


def test_users_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    users = inventory["iam.users"]
    assert len(users) == len(sandbox.truth.iam_users)
    for user in sandbox.truth.iam_users:
        row = _one(users, user["account_id"], "user_name", user["name"])
        assert bool(row["mfa_active"]) == user["mfa"], user["name"]
        assert bool(row["password_enabled"]) == user["console"], user["name"]
        assert pd.notna(row["password_last_used"]) == bool(user["password_last_used_days"])
        assert json.loads(row["attached_policy_arns"]) == sorted(user["policies"])
        inline = json.loads(row["inline_policy_names"])
        assert inline == ([f"{user['name']}-inline"] if user["inline_policy"] else [])
        assert json.loads(row["tags"]) == {}
    for group in sandbox.truth.iam_groups:
        for member in group["users"]:
            row = _one(users, group["account_id"], "user_name", member)
            assert group["name"] in json.loads(row["group_names"])


def test_mfa_devices_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    devices = inventory["iam.mfa_devices"]
    with_mfa = sorted((u["account_id"], u["name"]) for u in sandbox.truth.iam_users if u["mfa"])
    assigned = devices[devices["user_name"].notna()]
    assert sorted(zip(assigned["account_id"], assigned["user_name"], strict=True)) == with_mfa
    assert (devices["type"] == "virtual").all()
    assert assigned["enable_date"].notna().all()


def test_groups_and_roles_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    groups, roles = inventory["iam.groups"], inventory["iam.roles"]
    for group in sandbox.truth.iam_groups:
        row = _one(groups, group["account_id"], "group_name", group["name"])
        assert json.loads(row["attached_policy_arns"]) == sorted(group["policies"])
        assert row["member_count"] == len(group["users"])
    for role in sandbox.truth.iam_roles:
        row = _one(roles, role["account_id"], "role_name", role["name"])
        assert json.loads(row["attached_policy_arns"]) == sorted(role["policies"])
        trust = role["trust"]
        if "Service" in trust:
            assert json.loads(row["trusted_services"]) == [trust["Service"]]
            assert json.loads(row["trusted_accounts"]) == []
        else:
            account = trust["AWS"].split(":")[4]
            assert json.loads(row["trusted_accounts"]) == [account]
            assert bool(row["trusts_external_account"]) == (
                account not in sandbox.truth.account_ids
            )
        assert not row["trusts_everyone"] and not row["trusts_federation"]

    prod = sandbox.truth.account_id("prod")
    vendor = _one(roles, prod, "role_name", "vendor-support")
    assert json.loads(vendor["trusted_accounts"]) == ["999988887777"]
    assert bool(vendor["trusts_external_account"]) is True
    scanner = _one(roles, sandbox.truth.account_id("security"), "role_name", "SecurityScanner")
    assert json.loads(scanner["trusted_accounts"]) == [sandbox.truth.management_account]
    assert bool(scanner["trusts_external_account"]) is False
    # The role the toolkit itself enters each member account with trusts the management account.
    access = roles[roles["role_name"] == "OrganizationAccountAccessRole"]
    assert len(access) == len(sandbox.truth.account_ids) - 1
    assert not access["trusts_external_account"].any()


def test_policies_and_attachments_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    policies = inventory["iam.policies"]
    assert sorted(policies["arn"]) == sorted(p["arn"] for p in sandbox.truth.iam_policies)
    prod = sandbox.truth.account_id("prod")
    deploy = _one(policies, prod, "policy_name", "DeployEverything")
    assert bool(deploy["allows_full_admin"]) is True
    assert json.loads(deploy["document"])["Statement"][0]["Action"] == "*"

    attachments = inventory["iam.policy_attachments"]
    managed = attachments[attachments["policy_type"] == "managed"]
    expected = sorted(
        (kind, p["account_id"], p["name"], arn)
        for kind, principals in (
            ("user", sandbox.truth.iam_users),
            ("group", sandbox.truth.iam_groups),
            ("role", sandbox.truth.iam_roles),
        )
        for p in principals
        for arn in p["policies"]
    )
    got = sorted(
        zip(
            managed["principal_type"],
            managed["account_id"],
            managed["principal_name"],
            managed["policy_arn"],
            strict=True,
        )
    )
    assert got == expected
    assert managed["document"].isna().all()
    inline = attachments[attachments["policy_type"] == "inline"]
    expected_inline = sorted(
        (p["account_id"], p["name"])
        for p in (*sandbox.truth.iam_users, *sandbox.truth.iam_roles)
        if p["inline_policy"]
    )
    assert sorted(zip(inline["account_id"], inline["principal_name"], strict=True)) == (
        expected_inline
    )
    assert inline["policy_arn"].isna().all()
    for document in inline["document"]:
        assert json.loads(document)["Statement"]


def test_password_policy_matches_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["iam.password_policy"]
    assert sorted(table["account_id"]) == sorted(sandbox.truth.account_ids)
    table = table.set_index("account_id")
    for account_id, policy in sandbox.truth.password_policies.items():
        row = table.loc[account_id]
        assert bool(row["configured"]) == (policy is not None), account_id
        if policy is None:
            assert pd.isna(row["minimum_length"]) and pd.isna(row["require_symbols"])
            continue
        assert row["minimum_length"] == policy["minimum_length"]
        assert bool(row["require_symbols"]) == policy["require_symbols"]
        if "max_age_days" in policy:
            assert row["max_age_days"] == policy["max_age_days"]
        else:
            assert pd.isna(row["max_age_days"])
        if "reuse_prevention" in policy:
            assert row["reuse_prevention"] == policy["reuse_prevention"]


def test_account_summary_matches_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["iam.account_summary"]
    assert sorted(table["account_id"]) == sorted(sandbox.truth.account_ids)
    table = table.set_index("account_id")
    for account_id, root in sandbox.truth.root.items():
        row = table.loc[account_id]
        assert bool(row["root_mfa_enabled"]) == root["mfa"], account_id
        assert bool(row["root_access_keys_present"]) == root["access_keys"], account_id
        users = [u for u in sandbox.truth.iam_users if u["account_id"] == account_id]
        assert row["users"] == len(users)
        assert row["mfa_devices_in_use"] == sum(u["mfa"] for u in users)


def test_credential_report_matches_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    report = inventory["iam.credential_report"]
    for account_id in sandbox.truth.account_ids:
        rows = _rows(report, account_id)
        root = _one(report, account_id, "user", "<root_account>")
        assert root["arn"] == f"arn:aws:iam::{account_id}:root"
        assert bool(root["mfa_active"]) == sandbox.truth.root[account_id]["mfa"]
        assert bool(root["access_key_1_active"]) == sandbox.truth.root[account_id]["access_keys"]
        assert pd.isna(root["password_enabled"])  # "not_supported" for the root user
        seeded = sorted(u["name"] for u in sandbox.truth.iam_users if u["account_id"] == account_id)
        assert sorted(rows.loc[rows["user"] != "<root_account>", "user"]) == seeded
    for user in sandbox.truth.iam_users:
        row = _one(report, user["account_id"], "user", user["name"])
        assert bool(row["mfa_active"]) == user["mfa"]
        assert bool(row["password_enabled"]) == user["console"]
        assert bool(row["access_key_1_active"]) == bool(user["access_keys"])
        assert bool(row["access_key_2_active"]) == (len(user["access_keys"]) > 1)
        for number in (1, 2):
            keys = user["access_keys"]
            use = user["access_keys_last_used"][keys[number - 1]] if len(keys) >= number else None
            assert pd.notna(row[f"access_key_{number}_last_used_date"]) == (use is not None)
        assert pd.notna(row["password_last_used"]) == bool(user["password_last_used_days"])
        policy = sandbox.truth.password_policies[user["account_id"]] or {}
        rotates = user["console"] and bool(policy.get("max_age_days"))
        assert pd.notna(row["password_next_rotation"]) == rotates, user["name"]
        if rotates:
            assert row["password_next_rotation"] - row["password_last_changed"] == pd.Timedelta(
                days=policy["max_age_days"]
            )
        if user["password_age_days"]:
            age = (pd.Timestamp.now(tz="UTC") - row["password_last_changed"]).days
            assert age >= user["password_age_days"], user["name"]
    assert report["user_creation_time"].notna().all()
    assert report["password_next_rotation"].notna().any()


def test_few_calls(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    accounts = len(sandbox.truth.account_ids)
    users = len(sandbox.truth.iam_users)
    keys = sum(len(u["access_keys"]) for u in sandbox.truth.iam_users)
    assert calls["iam.GetAccountAuthorizationDetails"] == accounts
    for per_account in (
        "iam.ListRoles",
        "iam.GenerateCredentialReport",
        "iam.GetCredentialReport",
        "iam.ListVirtualMFADevices",
        "iam.GetAccountPasswordPolicy",
        "iam.GetAccountSummary",
        "iam.ListServerCertificates",
    ):
        assert calls[per_account] == accounts, per_account
    assert calls["iam.ListAccessKeys"] == users
    assert calls["iam.GetAccessKeyLastUsed"] == keys
    # Users, groups and policies come from the authorization details, never per principal.
    for unused in (
        "iam.ListUsers",
        "iam.ListGroups",
        "iam.ListGroupsForUser",
        "iam.ListAttachedUserPolicies",
        "iam.ListAttachedRolePolicies",
        "iam.ListAttachedGroupPolicies",
        "iam.ListUserPolicies",
        "iam.ListRolePolicies",
        "iam.GetPolicy",
        "iam.GetLoginProfile",
        "iam.ListMFADevices",
    ):
        assert unused not in calls, unused
    # One ListPolicies (AWS managed, attached) an account, and one more (Scope Local) only where
    # moto leaves policy ids out; each AWS managed document once per run, not per account.
    assert accounts <= calls["iam.ListPolicies"] <= 2 * accounts
    aws = inventory["iam.aws_managed_policies"]
    versions = set(zip(aws["arn"], aws["default_version_id"], strict=True))
    assert calls["iam.GetPolicyVersion"] == len(versions)


@pytest.mark.parametrize(
    "check",
    ["iam_policy_allows_kms_decrypt_all_keys", "iam_inline_policy_allows_kms_decrypt_all_keys"],
)
def test_each_kms_decryption_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    """FSBP KMS.1 and KMS.2: the deploy policy that allows everything, and the role whose
    inline policy reads every secret."""
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
