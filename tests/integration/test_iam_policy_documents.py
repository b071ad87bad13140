"""The policy documents effective access reads: permissions boundaries of users and roles, the
AWS managed policies attached in each account, and the permission sets' AWS managed documents,
each compared with a plain boto3 census of the sandbox and with its ground truth."""

from __future__ import annotations

import json
from typing import Any

import pytest
from census import cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLES = ["iam.users", "iam.roles", "iam.aws_managed_policies", "sso.permission_sets"]
AWS_POLICY = "arn:aws:iam::aws:policy/"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    found = toolkit.collect_sync(sandbox.scope(), tables=TABLES, progress=False)
    assert found.errors.empty, found.errors.to_string()
    return found


def iam_client(sandbox: Sandbox, account_id: str) -> Any:
    return sandbox.client(sandbox.boto3_session(account_id), "iam")


def boundary_of(answer: dict[str, Any]) -> str | None:
    return (answer.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")


def test_permissions_boundaries_match_boto3_and_truth(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    for table, kind, getter, name_key in (
        ("iam.users", "iam_users", "get_user", "UserName"),
        ("iam.roles", "iam_roles", "get_role", "RoleName"),
    ):
        frame = inventory[table]
        seen = {}
        for account_id in sandbox.truth.account_ids:
            iam = iam_client(sandbox, account_id)
            for arn in frame[frame["account_id"] == account_id]["arn"]:
                name = arn.rsplit("/", 1)[-1]
                answer = getattr(iam, getter)(**{name_key: name})
                seen[arn] = boundary_of(next(iter(answer.values())))
        got = {
            arn: cell(value)
            for arn, value in zip(frame["arn"], frame["permissions_boundary_arn"], strict=True)
        }
        assert got == seen, table
        planted = {
            f"arn:aws:iam::{row['account_id']}:{kind[4:-1]}/{row['name']}": row[
                "permissions_boundary"
            ]
            for row in getattr(sandbox.truth, kind)
            if row.get("permissions_boundary")
        }
        assert planted, f"the demo bounds no {kind}"
        assert {arn: got[arn] for arn in planted} == planted
        assert any(value is None for value in got.values()), "every principal bounded"


def test_aws_managed_policies_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory["iam.aws_managed_policies"]
    assert (frame["region"] == "global").all()
    assert not frame.duplicated(["account_id", "arn"]).any()
    for account_id in sandbox.truth.account_ids:
        iam = iam_client(sandbox, account_id)
        listed = {
            p["Arn"]: p
            for page in iam.get_paginator("list_policies").paginate(Scope="AWS", OnlyAttached=True)
            for p in page["Policies"]
        }
        rows = frame[frame["account_id"] == account_id].set_index("arn")
        assert sorted(rows.index) == sorted(listed), account_id
        for arn, policy in listed.items():
            row = rows.loc[arn]
            assert row["policy_name"] == policy["PolicyName"]
            assert row["path"] == policy["Path"]
            assert row["default_version_id"] == policy["DefaultVersionId"]
            assert row["attachment_count"] == policy["AttachmentCount"]
            version = iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])
            assert json.loads(row["document"]) == version["PolicyVersion"]["Document"]


def test_aws_managed_policies_cover_what_the_estate_attaches(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    truth = sandbox.truth
    attached: set[tuple[str, str]] = set()
    for kind in (truth.iam_users, truth.iam_roles, truth.iam_groups):
        for row in kind:
            attached.update(
                (row["account_id"], p) for p in row["policies"] if p.startswith(AWS_POLICY)
            )
    frame = inventory["iam.aws_managed_policies"]
    assert attached, "the demo attaches no AWS managed policy"
    assert attached <= set(zip(frame["account_id"], frame["arn"], strict=True))
    # Boundaries are not attachments: a boundary alone does not list a policy.
    assert frame["arn"].str.startswith(AWS_POLICY).all()


def test_permission_sets_managed_documents_match_boto3(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    management = sandbox.truth.management_account
    session = sandbox.boto3_session(management)
    iam = sandbox.client(session, "iam")
    frame = inventory["sso.permission_sets"]
    planted = sandbox.truth.identity_center["permission_sets"]
    assert set(planted.values()) <= set(frame["permission_set_arn"])
    documents_seen = 0
    for _, row in frame.iterrows():
        admin = sandbox.client(session, "sso-admin", row["region"])
        arns = [
            p["Arn"]
            for p in admin.list_managed_policies_in_permission_set(
                InstanceArn=row["instance_arn"], PermissionSetArn=row["permission_set_arn"]
            )["AttachedManagedPolicies"]
        ]
        documents = json.loads(row["managed_policy_documents"])
        assert sorted(documents) == sorted(arns) == json.loads(row["managed_policies"])
        for arn in arns:
            version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
            expected = iam.get_policy_version(PolicyArn=arn, VersionId=version)
            assert documents[arn] == expected["PolicyVersion"]["Document"], arn
            documents_seen += 1
    assert documents_seen >= len(planted)


def test_each_aws_managed_document_read_once_per_run(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    """ListPolicies once an account; GetPolicyVersion once per (ARN, version) and run, whether
    the table or the permission sets ask; GetPolicy only for the permission sets' policies."""
    calls = inventory.meta["api_calls"]
    frame = inventory["iam.aws_managed_policies"]
    in_table = set(zip(frame["arn"], frame["default_version_id"], strict=True))
    in_sets = {
        arn
        for documents in inventory["sso.permission_sets"]["managed_policy_documents"]
        for arn in json.loads(documents)
    }
    shared = in_sets & {arn for arn, _ in in_table}
    assert shared, "no permission set policy is attached in an account: nothing shared"
    assert calls["iam.ListPolicies"] == len(sandbox.truth.account_ids)
    assert calls["iam.GetPolicyVersion"] == len(in_table) + len(in_sets - shared)
    assert calls["iam.GetPolicy"] == len(in_sets)
