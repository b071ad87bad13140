"""IAM Identity Center tables hold exactly what the estate seeded and what plain boto3 sees."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pandas as pd
import pytest

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

SSO_TABLES = {name for name in REGISTRY if name.startswith("sso.")}


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="sso", progress=False)


def _value(value: Any) -> Any:
    return None if pd.isna(value) else value


def _boto3_view(sandbox: Sandbox) -> dict[str, Any]:
    """Identity Center as plain boto3 reads it: the reference every table must equal.

    Assignments are read per principal here (the collector reads them per account and
    permission set), so the two ways of finding them check each other.
    """
    truth = sandbox.truth.identity_center
    session = sandbox.boto3_session()
    admin = sandbox.client(session, "sso-admin", truth["region"])
    store = sandbox.client(session, "identitystore", truth["region"])
    arn, store_id = truth["instance_arn"], truth["identity_store_id"]

    permission_sets = {}
    for pset_arn in admin.list_permission_sets(InstanceArn=arn)["PermissionSets"]:
        ids = {"InstanceArn": arn, "PermissionSetArn": pset_arn}
        described = admin.describe_permission_set(**ids)["PermissionSet"]
        managed = admin.list_managed_policies_in_permission_set(**ids)["AttachedManagedPolicies"]
        inline = admin.get_inline_policy_for_permission_set(**ids).get("InlinePolicy")
        permission_sets[pset_arn] = {
            "name": described["Name"],
            "session_duration": described["SessionDuration"],
            "managed_policies": sorted(p["Arn"] for p in managed),
            "inline_policy": inline or None,
        }
    users = {u["UserId"]: u for u in store.list_users(IdentityStoreId=store_id)["Users"]}
    groups = {g["GroupId"]: g for g in store.list_groups(IdentityStoreId=store_id)["Groups"]}
    memberships = [
        (m["GroupId"], m["MemberId"]["UserId"], m["MembershipId"])
        for group_id in groups
        for m in store.list_group_memberships(IdentityStoreId=store_id, GroupId=group_id)[
            "GroupMemberships"
        ]
    ]
    assignments = []
    for principal_type, principals in (("USER", users), ("GROUP", groups)):
        for principal_id in principals:
            found = admin.list_account_assignments_for_principal(
                InstanceArn=arn, PrincipalId=principal_id, PrincipalType=principal_type
            )["AccountAssignments"]
            assignments += [
                (a["AccountId"], a["PermissionSetArn"], a["PrincipalType"], a["PrincipalId"])
                for a in found
            ]
    return {
        "permission_sets": permission_sets,
        "users": users,
        "groups": groups,
        "memberships": memberships,
        "assignments": assignments,
    }


@pytest.fixture(scope="module")
def reference(sandbox: Sandbox) -> dict[str, Any]:
    return _boto3_view(sandbox)


def test_no_errors_and_one_instance(sandbox: Sandbox, inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert set(inventory.tables) == SSO_TABLES
    truth = sandbox.truth.identity_center
    instances = inventory["sso.instances"]
    assert len(instances) == 1
    row = instances.iloc[0]
    assert row["region"] == truth["region"]
    assert row["instance_arn"] == truth["instance_arn"]
    assert row["identity_store_id"] == truth["identity_store_id"]
    assert _value(row["name"]) == truth["instance_name"]
    assert row["account_id"] == row["owner_account_id"] == sandbox.truth.management_account
    for name in SSO_TABLES:
        frame = inventory[name]
        assert list(frame.columns) == [c.name for c in REGISTRY[name].columns], name
        assert len(frame) and (frame["region"] == truth["region"]).all(), name
        assert (frame["account_id"] == sandbox.truth.management_account).all(), name


def test_permission_sets_match_truth_and_boto3(
    sandbox: Sandbox, inventory: Inventory, reference: dict[str, Any]
) -> None:
    truth = sandbox.truth.identity_center
    table = inventory["sso.permission_sets"].set_index("permission_set_arn")
    assert sorted(table.index) == sorted(truth["permission_sets"].values())
    assert sorted(table.index) == sorted(reference["permission_sets"])
    assert dict(zip(table["name"], table.index, strict=True)) == truth["permission_sets"]
    for arn, seen in reference["permission_sets"].items():
        row = table.loc[arn]
        assert row["name"] == seen["name"]
        assert row["session_duration"] == seen["session_duration"]
        assert json.loads(row["managed_policies"]) == seen["managed_policies"]
        assert json.loads(row["customer_managed_policies"]) == []
        assert _value(row["inline_policy"]) == seen["inline_policy"]
    by_name = inventory["sso.permission_sets"].set_index("name")
    assert by_name.loc["DeveloperAccess", "session_duration"] == "PT12H"
    assert by_name.loc["DeveloperAccess", "session_duration_hours"] == 12.0
    assert by_name.loc["AdministratorAccess", "session_duration_hours"] == 1.0
    assert json.loads(by_name.loc["DeveloperAccess", "inline_policy"])["Statement"][0]["Sid"] == (
        "NoIam"
    )
    admin = {name for name, flag in by_name["has_admin_access"].items() if flag}
    assert admin == {"AdministratorAccess"}
    landing = by_name["relay_state"].dropna().to_dict()
    assert landing == truth["relay_states"] and landing


def test_users_groups_and_memberships_match_truth_and_boto3(
    sandbox: Sandbox, inventory: Inventory, reference: dict[str, Any]
) -> None:
    truth = sandbox.truth.identity_center
    users = inventory["sso.users"]
    assert dict(zip(users["user_name"], users["user_id"], strict=True)) == truth["users"]
    for _, row in users.iterrows():
        seen = reference["users"][row["user_id"]]
        assert row["user_name"] == seen["UserName"]
        assert row["display_name"] == seen["DisplayName"]
        assert row["email"] == seen["Emails"][0]["Value"] == f"{row['user_name']}@example.com"
        assert row["given_name"] == seen["Name"]["GivenName"]
        assert row["family_name"] == seen["Name"]["FamilyName"]
        assert _value(row["user_type"]) == truth["user_types"].get(row["user_name"])
    assert users["user_type"].notna().any()

    groups = inventory["sso.groups"].set_index("group_id")
    assert dict(zip(groups["display_name"], groups.index, strict=True)) == truth["groups"]
    for group_id, seen in reference["groups"].items():
        assert groups.loc[group_id, "display_name"] == seen["DisplayName"]
        assert groups.loc[group_id, "description"] == seen["Description"]
        expected = sum(1 for m in truth["memberships"] if m["group_id"] == group_id)
        assert groups.loc[group_id, "member_count"] == expected

    memberships = inventory["sso.group_memberships"]
    got = sorted(zip(memberships["group_id"], memberships["user_id"], strict=True))
    assert got == sorted((m["group_id"], m["user_id"]) for m in truth["memberships"])
    assert got == sorted((g, u) for g, u, _ in reference["memberships"])
    assert sorted(memberships["membership_id"]) == sorted(m for _, _, m in reference["memberships"])
    named = sorted(zip(memberships["group_name"], memberships["user_name"], strict=True))
    assert named == sorted((m["group"], m["user"]) for m in truth["memberships"])


def test_assignments_match_truth_and_boto3(
    sandbox: Sandbox, inventory: Inventory, reference: dict[str, Any]
) -> None:
    truth = sandbox.truth.identity_center
    table = inventory["sso.account_assignments"]
    got = sorted(
        zip(
            table["target_account_id"],
            table["permission_set_arn"],
            table["principal_type"],
            table["principal_id"],
            strict=True,
        )
    )
    expected = sorted(
        (a["account_id"], a["permission_set_arn"], a["principal_type"], a["principal_id"])
        for a in truth["assignments"]
    )
    assert got == expected
    assert got == sorted(reference["assignments"])

    # every assignment is an edge, named exactly as the estate planted it
    edges = sorted(
        zip(
            table["target_account_id"],
            table["permission_set_name"],
            table["principal_type"],
            table["principal_name"],
            strict=True,
        )
    )
    assert edges == sorted(
        (a["account_id"], a["permission_set"], a["principal_type"], a["principal_name"])
        for a in truth["assignments"]
    )
    assert table["principal_exists"].all()

    planted = [p for p in sandbox.truth.planted if p["check"] == "sso_admin_assigned_to_user"]
    assert len(planted) == 1
    account_id, pset, principal_type, principal = planted[0]["resource_id"].split("/")
    assert principal_type == "USER"
    direct = table[
        (table["target_account_id"] == account_id)
        & (table["permission_set_name"] == pset)
        & (table["principal_type"] == "USER")
    ]
    assert list(direct["principal_name"]) == [principal]
    assert list(direct["principal_id"]) == [truth["users"][principal]]


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    """One discovery and one read of each shared list for all six tables; assignments read only
    for the (account, permission set) pairs where the set is provisioned."""
    truth = sandbox.truth.identity_center
    calls = inventory.meta["api_calls"]
    sets, groups = len(truth["permission_sets"]), len(truth["groups"])
    assert calls["sso-admin.ListInstances"] == len(sandbox.truth.regions)
    assert calls["sso-admin.ListPermissionSets"] == 1
    for per_set in (
        "ListAccountsForProvisionedPermissionSet",
        "DescribePermissionSet",
        "ListManagedPoliciesInPermissionSet",
        "ListCustomerManagedPolicyReferencesInPermissionSet",
        "GetInlinePolicyForPermissionSet",
    ):
        assert calls[f"sso-admin.{per_set}"] == sets, per_set
    assert calls["identitystore.ListUsers"] == calls["identitystore.ListGroups"] == 1
    assert calls["identitystore.ListGroupMemberships"] == groups
    pairs = {(a["account_id"], a["permission_set"]) for a in truth["assignments"]}
    assert calls["sso-admin.ListAccountAssignments"] == len(pairs)
    assert len(pairs) < len(sandbox.truth.account_ids) * sets  # fewer than every account x set


def test_provisioned_accounts_are_where_sets_are_assigned(sandbox: Sandbox) -> None:
    """The sandbox answers ListAccountsForProvisionedPermissionSet as AWS does (moto: only the
    caller's account after ProvisionPermissionSet), page by page."""
    truth = sandbox.truth.identity_center
    admin = sandbox.client(sandbox.boto3_session(), "sso-admin", truth["region"])
    pages = admin.get_paginator("list_accounts_for_provisioned_permission_set")
    for name, pset_arn in truth["permission_sets"].items():
        found = [
            account
            for page in pages.paginate(
                InstanceArn=truth["instance_arn"],
                PermissionSetArn=pset_arn,
                PaginationConfig={"PageSize": 1},
            )
            for account in page["AccountIds"]
        ]
        expected = {a["account_id"] for a in truth["assignments"] if a["permission_set"] == name}
        assert sorted(found) == sorted(expected), name


def test_deleted_principal_is_reported(sandbox: Sandbox) -> None:
    truth = sandbox.truth.identity_center
    session = sandbox.boto3_session()
    admin = sandbox.client(session, "sso-admin", truth["region"])
    store = sandbox.client(session, "identitystore", truth["region"])
    user_name = f"ghost-{uuid.uuid4().hex[:12]}"
    user_id = store.create_user(
        IdentityStoreId=truth["identity_store_id"],
        UserName=user_name,
        DisplayName="Ghost User",
        Name={"GivenName": "Ghost", "FamilyName": "User"},
    )["UserId"]
    target = sandbox.truth.account_id("sandbox")
    # a pair no seeded assignment has: only the new assignment provisions the set there
    assert (target, "ReadOnlyAccess") not in {
        (a["account_id"], a["permission_set"]) for a in truth["assignments"]
    }
    assignment = {
        "InstanceArn": truth["instance_arn"],
        "TargetId": target,
        "TargetType": "AWS_ACCOUNT",
        "PermissionSetArn": truth["permission_sets"]["ReadOnlyAccess"],
        "PrincipalType": "USER",
        "PrincipalId": user_id,
    }
    try:
        admin.create_account_assignment(**assignment)
        store.delete_user(IdentityStoreId=truth["identity_store_id"], UserId=user_id)
        inventory = toolkit.collect_sync(
            sandbox.scope(),
            tables=["sso.account_assignments", "sso.users"],
            progress=False,
        )
        assert inventory.errors.empty, inventory.errors.to_string()
        assert user_id not in set(inventory["sso.users"]["user_id"])
        table = inventory["sso.account_assignments"]
        orphan = table[table["principal_id"] == user_id]
        assert len(orphan) == 1
        row = orphan.iloc[0]
        assert not row["principal_exists"]
        assert pd.isna(row["principal_name"])
        assert row["principal_type"] == "USER"
        assert row["target_account_id"] == assignment["TargetId"]
        assert row["permission_set_name"] == "ReadOnlyAccess"
        # everything seeded is still there, and still resolves
        assert table.loc[table["principal_id"] != user_id, "principal_exists"].all()
        assert len(table) == len(truth["assignments"]) + 1
    finally:
        # leave the seeded state for the other tests that share this sandbox
        remaining = admin.list_account_assignments_for_principal(
            InstanceArn=truth["instance_arn"], PrincipalId=user_id, PrincipalType="USER"
        )["AccountAssignments"]
        if remaining:
            admin.delete_account_assignment(**assignment)
        users = store.list_users(IdentityStoreId=truth["identity_store_id"])["Users"]
        if any(u["UserId"] == user_id for u in users):
            store.delete_user(IdentityStoreId=truth["identity_store_id"], UserId=user_id)
