"""The effective-access ground truth (issue 17) describes what the sandbox really holds: every
principal and resource it names exists, each planted step is written into the policies that
make it, and the blocked escalations have their SCP and permissions boundary in place. Read
with plain boto3, never with the toolkit."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest
from cloudsplaining.shared.constants import PRIVILEGE_ESCALATION_METHODS

from toolkit.sandbox import Sandbox


@pytest.fixture(scope="module")
def principals(sandbox: Sandbox) -> dict[str, dict[str, Any]]:
    """ARN -> the user's or role's GetAccountAuthorizationDetails entry, in every account."""
    found: dict[str, dict[str, Any]] = {}
    for account_id in sandbox.truth.account_ids:
        iam = sandbox.client(sandbox.boto3_session(account_id), "iam", "us-east-1")
        details = iam.get_account_authorization_details()
        for entry in details["UserDetailList"] + details["RoleDetailList"]:
            found[entry["Arn"]] = entry
    return found


def _document(value: Any) -> dict[str, Any]:
    return json.loads(unquote(value)) if isinstance(value, str) else value


def _statements(document: Any) -> list[dict[str, Any]]:
    statements = _document(document)["Statement"]
    return statements if isinstance(statements, list) else [statements]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _inline_allows(entry: dict[str, Any], action: str, resource: str) -> bool:
    """One of the principal's inline policies allows exactly ``action`` on ``resource`` (or *)."""
    policies = entry.get("UserPolicyList", []) + entry.get("RolePolicyList", [])
    return any(
        s["Effect"] == "Allow"
        and action.lower() in [a.lower() for a in _listed(s.get("Action", []))]
        and ({resource, "*"} & set(_listed(s["Resource"])))
        for policy in policies
        for s in _statements(policy["PolicyDocument"])
    )


def _outside(sandbox: Sandbox, principal: str) -> bool:
    """``*`` or an account's root outside the organization."""
    if principal == "*":
        return True
    account = principal.split(":")[4]
    return principal.endswith(":root") and account not in sandbox.truth.account_ids


def test_access_truth_names_what_the_sandbox_holds(
    sandbox: Sandbox, principals: dict[str, dict[str, Any]]
) -> None:
    truth = sandbox.truth
    assert len(truth.access_paths) >= 6
    assert {b["blocked_by"] for b in truth.access_blocked} == {"scp", "boundary"}
    named = {p["start"] for p in truth.access_paths} | {b["start"] for b in truth.access_blocked}
    named |= {s[e] for p in truth.access_paths for s in p["steps"] for e in ("from", "to")}
    named |= {who for answer in truth.who_can for who in answer["principals"]}
    unknown = sorted(p for p in named if p not in principals and not _outside(sandbox, p))
    assert not unknown
    for path in truth.access_paths:
        assert path["end"] == path["steps"][-1]["to"]
        assert path["target_account"] == path["end"].split(":")[4]
        assert path["target_account"] in truth.account_ids
        methods = {s["method"] for s in path["steps"]} - {"AssumeRole"}
        assert methods <= set(PRIVILEGE_ESCALATION_METHODS), methods
    buckets = [a["resource"] for a in truth.who_can if a["resource"].startswith("arn:aws:s3:")]
    keys = [a["resource"] for a in truth.who_can if a["resource"].startswith("arn:aws:kms:")]
    assert len(buckets) >= 3 and len(keys) >= 2
    for arn in buckets:
        bucket = arn.split(":::")[1].split("/")[0]
        row = next(b for b in truth.buckets if b["name"] == bucket)
        s3 = sandbox.client(sandbox.boto3_session(row["account_id"]), "s3", row["region"])
        assert _statements(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    for arn in keys:
        _, _, _, region, account, _ = arn.split(":")
        kms = sandbox.client(sandbox.boto3_session(account), "kms", region)
        policy = kms.get_key_policy(KeyId=arn, PolicyName="default")["Policy"]
        granted = {p for s in _statements(policy) for p in _listed(s["Principal"]["AWS"])}
        answer = next(a for a in truth.who_can if a["resource"] == arn)
        # a principal of another account, or one named alone, is named by the key policy
        assert set(answer["principals"]) & granted


def test_each_planted_step_is_written_into_the_policies(
    sandbox: Sandbox, principals: dict[str, dict[str, Any]]
) -> None:
    for path in sandbox.truth.access_paths:
        for step in path["steps"]:
            source, target, method = step["from"], step["to"], step["method"]
            if method == "AssumeRole":
                trusted = {
                    p
                    for s in _statements(principals[target]["AssumeRolePolicyDocument"])
                    if s["Effect"] == "Allow"
                    for p in _listed(s["Principal"].get("AWS", []))
                }
                assert source in trusted, step
                if not _outside(sandbox, source) and source.split(":")[4] != target.split(":")[4]:
                    assert _inline_allows(principals[source], "sts:AssumeRole", target), step
                continue
            entry = principals[source]
            actions = PRIVILEGE_ESCALATION_METHODS[method]
            resource = target if target != source else "*"
            assert _inline_allows(entry, actions[0], resource), step
            for action in actions[1:]:
                assert _inline_allows(entry, action, "*") or _inline_allows(
                    entry, action, target
                ), step
            attached = [
                p["PolicyArn"] for p in principals[target].get("AttachedManagedPolicies", [])
            ]
            assert target == source or "arn:aws:iam::aws:policy/AdministratorAccess" in attached


def test_blocked_escalations_are_blocked(
    sandbox: Sandbox, principals: dict[str, dict[str, Any]]
) -> None:
    truth = sandbox.truth
    orgs = sandbox.client(sandbox.boto3_session(), "organizations")
    for blocked in truth.access_blocked:
        start, account = blocked["start"], blocked["start"].split(":")[4]
        first = PRIVILEGE_ESCALATION_METHODS[blocked["method"]][0]
        resource = start if blocked["method"].startswith("Attach") else "*"
        assert _inline_allows(principals[start], first, resource), blocked
        if blocked["blocked_by"] == "scp":
            denying = [
                p
                for p in truth.policies
                for s in _statements(orgs.describe_policy(PolicyId=p["id"])["Policy"]["Content"])
                if s["Effect"] == "Deny"
                and first in [a.lower() for a in _listed(s.get("Action", []))]
            ]
            assert [p["targets"] for p in denying] == [[account]]
            targets = orgs.list_targets_for_policy(PolicyId=denying[0]["id"])["Targets"]
            assert [t["TargetId"] for t in targets] == [account]
        else:
            boundary = principals[start]["PermissionsBoundary"]["PermissionsBoundaryArn"]
            iam = sandbox.client(sandbox.boto3_session(account), "iam", "us-east-1")
            version = iam.get_policy(PolicyArn=boundary)["Policy"]["DefaultVersionId"]
            document = iam.get_policy_version(PolicyArn=boundary, VersionId=version)
            allowed = {
                a
                for s in _statements(document["PolicyVersion"]["Document"])
                for a in _listed(s["Action"])
            }
            assert not any(a in ("*", "iam:*") or a.lower() == first for a in allowed)
