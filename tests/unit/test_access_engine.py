"""toolkit.access on a small hand-made inventory: AWS's evaluation rules, one at a time.

Each expectation is IAM's documented behaviour (explicit deny wins; SCPs and boundaries only
limit; same account: identity or resource policy; across accounts: both; a KMS key policy must
allow), not the code's own output. The sandbox-backed comparison with planted truth is in
tests/integration/test_access_truth.py.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit import Inventory, access
from toolkit.errors import UsageError

A, B, OUT = "111111111111", "222222222222", "999999999999"
ADMIN = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action, resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action, resource="*", **extra) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def trust(*principals: str) -> str:
    return doc(
        {"Effect": "Allow", "Principal": {"AWS": list(principals)}, "Action": "sts:AssumeRole"}
    )


def inventory(
    users: dict[str, tuple[str, str]],
    roles: dict[str, tuple[str, str, str]],
    boundaries: dict[str, str] | None = None,
    scps: dict[str, list[str]] | None = None,
    buckets: dict[str, tuple[str, str]] | None = None,
    keys: dict[str, tuple[str, str]] | None = None,
) -> Inventory:
    """users: arn -> (account, inline doc); roles: arn -> (account, inline doc, trust doc);
    boundaries: principal arn -> boundary doc; scps: account -> SCP docs at its own level (the
    root keeps FullAWSAccess); buckets/keys: name or arn -> (account, policy)."""
    boundaries = boundaries or {}
    policies, attachments = [], []
    for arn, text in boundaries.items():
        policies.append(
            {"account_id": arn.split(":")[4], "arn": f"{arn}-boundary", "document": text}
        )

    def principal(kind, arn, name, account, inline):
        attachments.append(
            {
                "account_id": account,
                "principal_type": kind,
                "principal_name": name,
                "principal_arn": arn,
                "policy_type": "inline",
                "policy_name": f"{name}-inline",
                "policy_arn": None,
                "document": inline,
            }
        )
        return {
            "account_id": account,
            "region": "global",
            "arn": arn,
            "permissions_boundary_arn": f"{arn}-boundary" if arn in boundaries else None,
        }

    user_rows = [
        {
            **principal("user", arn, arn.rsplit("/", 1)[1], acct, d),
            "user_name": arn.rsplit("/", 1)[1],
            "group_names": "[]",
        }
        for arn, (acct, d) in users.items()
    ]
    role_rows = [
        {
            **principal("role", arn, arn.rsplit("/", 1)[1], acct, d),
            "role_name": arn.rsplit("/", 1)[1],
            "trust_policy": t,
            "is_service_linked": False,
        }
        for arn, (acct, d, t) in roles.items()
    ]
    accounts = [A, B]
    org_accounts = pd.DataFrame(
        {
            "id": accounts,
            "name": ["alpha", "beta"],
            "parent_id": ["r-1", "r-1"],
            "is_management": [False, False],
        }
    )
    scp_docs = [("p-full", doc(allow("*")), "r-1")]
    for account, texts in (scps or {}).items():
        scp_docs += [(f"p-{account}-{n}", text, account) for n, text in enumerate(texts)]
        scp_docs.append((f"p-full-{account}", doc(allow("*")), account))
    frames = {
        "iam.users": pd.DataFrame(user_rows),
        "iam.roles": pd.DataFrame(role_rows),
        "iam.groups": pd.DataFrame(columns=["account_id", "group_name", "arn"]),
        "iam.policies": pd.DataFrame(policies, columns=["account_id", "arn", "document"]),
        "iam.aws_managed_policies": pd.DataFrame(columns=["account_id", "arn", "document"]),
        "iam.policy_attachments": pd.DataFrame(attachments),
        "organizations.accounts": org_accounts,
        "organizations.organizational_units": pd.DataFrame(columns=["id", "parent_id"]),
        "organizations.policies": pd.DataFrame(
            {"id": [p[0] for p in scp_docs], "content": [p[1] for p in scp_docs]}
        ),
        "organizations.policy_targets": pd.DataFrame(
            {
                "policy_id": [p[0] for p in scp_docs],
                "policy_name": [p[0] for p in scp_docs],
                "target_id": [p[2] for p in scp_docs],
            }
        ),
        "s3.buckets": pd.DataFrame(
            [{"account_id": a, "name": n, "policy": p} for n, (a, p) in (buckets or {}).items()],
            columns=["account_id", "name", "policy"],
        ),
        "kms.keys": pd.DataFrame(
            [{"account_id": a, "arn": n, "policy": p} for n, (a, p) in (keys or {}).items()],
            columns=["account_id", "arn", "policy"],
        ),
    }
    for name in (
        "sso.users",
        "sso.group_memberships",
        "sso.account_assignments",
        "sso.permission_sets",
    ):
        frames[name] = pd.DataFrame()
    return Inventory(frames)


def user(account: str, name: str) -> str:
    return f"arn:aws:iam::{account}:user/{name}"


def role(account: str, name: str) -> str:
    return f"arn:aws:iam::{account}:role/{name}"


def answers(inv: Inventory, action: str, resource: str) -> dict[str, str]:
    found = access.who_can(inv, action, resource)
    return dict(zip(found["principal"], found["decision"], strict=True))


def test_an_explicit_deny_wins_and_a_condition_makes_the_answer_conditional() -> None:
    inv = inventory(
        {
            user(A, "denied"): (A, doc(allow("s3:*"), deny("s3:GetObject"))),
            user(A, "ip-bound"): (
                A,
                doc(allow("s3:GetObject", Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
            ),
            user(A, "plain"): (A, doc(allow("s3:Get*"))),
            user(A, "not-action"): (
                A,
                doc({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}),
            ),
        },
        {},
        buckets={"b": (A, None)},
    )
    assert answers(inv, "s3:GetObject", "arn:aws:s3:::b/k") == {
        user(A, "ip-bound"): "conditional",
        user(A, "plain"): "allowed",
    }


def test_scp_and_boundary_only_limit() -> None:
    inv = inventory(
        {user(A, "bounded"): (A, doc(allow("iam:*"))), user(B, "fenced"): (B, doc(allow("iam:*")))},
        {},
        boundaries={user(A, "bounded"): doc(allow("s3:*"))},
        scps={B: [doc(deny("iam:CreatePolicyVersion"))]},
    )
    rows = access.effective(inv)
    bounded = rows[rows["principal"] == user(A, "bounded")]
    assert bounded.empty  # iam:* allowed, but the boundary holds only s3
    fenced = access.who_can(inv, "iam:CreatePolicyVersion", f"arn:aws:iam::{B}:policy/p")
    assert fenced.empty
    assert set(access.who_can(inv, "iam:CreateUser", f"arn:aws:iam::{B}:user/x")["principal"]) == {
        user(B, "fenced")
    }


def test_across_accounts_both_sides_must_allow_and_within_one_either_does() -> None:
    bucket_policy = doc(
        {
            "Effect": "Allow",
            "Principal": {"AWS": [user(B, "named"), user(A, "policy-only")]},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/*",
        }
    )
    inv = inventory(
        {
            user(A, "policy-only"): (A, doc(allow("ec2:Describe*"))),
            user(B, "named"): (B, doc(allow("s3:GetObject"))),
            user(B, "not-named"): (B, doc(allow("s3:*"))),
            user(B, "named-no-identity"): (B, doc(allow("ec2:Describe*"))),
        },
        {},
        buckets={"b": (A, bucket_policy)},
    )
    assert answers(inv, "s3:GetObject", "arn:aws:s3:::b/report.csv") == {
        user(A, "policy-only"): "allowed",
        user(B, "named"): "allowed",
    }


def test_a_key_policy_must_allow_itself_or_through_the_account_root() -> None:
    key = f"arn:aws:kms:us-east-1:{A}:key/1"
    other = f"arn:aws:kms:us-east-1:{A}:key/2"
    inv = inventory(
        {
            user(A, "iam-only"): (A, doc(allow("kms:Decrypt"))),
            user(A, "named"): (A, doc(allow("s3:*"))),
        },
        {},
        keys={
            key: (
                A,
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": user(A, "named")},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ),
            ),
            other: (
                A,
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{A}:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ),
            ),
        },
    )
    assert answers(inv, "kms:Decrypt", key) == {user(A, "named"): "allowed"}
    assert answers(inv, "kms:Decrypt", other) == {user(A, "iam-only"): "allowed"}


def test_anyone_is_one_row_and_outsiders_are_named() -> None:
    public = doc(
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::p/*",
        },
        {
            "Effect": "Allow",
            "Principal": {"AWS": OUT},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::p/*",
        },
    )
    inv = inventory(
        {
            user(A, "reader"): (A, doc(allow("s3:GetObject"))),
            user(A, "nobody"): (A, doc(allow("ec2:*"))),
        },
        {},
        buckets={"p": (A, public)},
    )
    assert answers(inv, "s3:GetObject", "arn:aws:s3:::p/x") == {
        user(A, "reader"): "allowed",
        "*": "allowed",
        f"arn:aws:iam::{OUT}:root": "allowed",
    }


def test_paths_follow_trust_passrole_and_stop_at_boundaries_and_scps() -> None:
    inv = inventory(
        {
            user(A, "dev"): (A, doc(allow("sts:AssumeRole", role(B, "hop")))),
            user(A, "versioner"): (A, doc(allow("iam:CreatePolicyVersion"))),
            user(B, "versioner"): (B, doc(allow("iam:CreatePolicyVersion"))),
            user(A, "admin"): (A, json.dumps(ADMIN)),
        },
        {
            role(B, "hop"): (
                B,
                doc(
                    allow("iam:PassRole", role(B, "runner")),
                    allow("lambda:CreateFunction"),
                    allow("lambda:InvokeFunction"),
                ),
                trust(user(A, "dev")),
            ),
            role(B, "runner"): (
                B,
                json.dumps(ADMIN),
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ),
            ),
            role(A, "bounded"): (
                A,
                doc(allow("iam:AttachRolePolicy", role(A, "bounded"))),
                trust(user(A, "nobody")),
            ),
            role(A, "outside"): (A, json.dumps(ADMIN), trust(f"arn:aws:iam::{OUT}:root")),
        },
        boundaries={role(A, "bounded"): doc(allow("s3:*"))},
        scps={B: [doc(deny("iam:CreatePolicyVersion"))]},
    )
    paths = access.paths_to_admin(inv)
    found = {(r.start, r.end): json.loads(r.methods) for r in paths.itertuples()}
    assert found == {
        (user(A, "dev"), role(B, "runner")): [
            "AssumeRole",
            "PassExistingRoleToNewLambdaThenInvoke",
        ],
        (role(B, "hop"), role(B, "runner")): ["PassExistingRoleToNewLambdaThenInvoke"],
        (user(A, "versioner"), user(A, "versioner")): ["CreateNewPolicyVersion"],
        (f"arn:aws:iam::{OUT}:root", role(A, "outside")): ["AssumeRole"],
    }
    outside = access.outside_trust(inv)
    assert list(outside["role"]) == [role(A, "outside")]
    assert outside["account_admin"].tolist() == [True]


def test_who_can_refuses_an_unknown_action_and_a_non_arn() -> None:
    inv = inventory({}, {})
    with pytest.raises(UsageError, match="not an IAM action"):
        access.who_can(inv, "s3:Fly", "arn:aws:s3:::b")
    with pytest.raises(UsageError, match="not an ARN"):
        access.who_can(inv, "s3:GetObject", "my-bucket")


def test_the_access_checks_fail_exactly_the_escalating_and_the_outside_writable() -> None:
    from toolkit.checks.base import REGISTRY
    from toolkit.checks.discover import load_builtin

    load_builtin()
    inv = inventory(
        {
            user(A, "versioner"): (A, doc(allow("iam:CreatePolicyVersion"))),
            user(A, "reader"): (A, doc(allow("s3:GetObject"))),
            user(A, "admin"): (A, json.dumps(ADMIN)),
        },
        {
            role(A, "partner-write"): (
                A,
                doc(allow("s3:PutObject")),
                trust(f"arn:aws:iam::{OUT}:root"),
            ),
            role(A, "partner-read"): (
                A,
                doc(allow("s3:GetObject")),
                trust(f"arn:aws:iam::{OUT}:root"),
            ),
        },
    )
    paths = REGISTRY["iam_principal_path_to_admin"](inv)
    assert set(paths.loc[paths["failed"], "resource_arn"]) == {user(A, "versioner")}
    assert len(paths) == 5  # every user and role is judged
    outside = REGISTRY["iam_role_outside_trust_write_access"](inv)
    assert set(outside.loc[outside["failed"], "resource_arn"]) == {role(A, "partner-write")}
    detail = dict(zip(outside["resource_arn"], outside["detail"], strict=True))
    assert "s3" in detail[role(A, "partner-write")]
    assert detail[role(A, "partner-read")] == "trusted from outside, read or list only"


def test_a_boundary_limits_what_a_resource_policy_gives_a_role_but_not_a_user() -> None:
    named = [user(A, "bounded-user"), role(A, "bounded-role")]
    bucket_policy = doc(
        {
            "Effect": "Allow",
            "Principal": {"AWS": named},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/*",
        }
    )
    ec2_only = doc(allow("ec2:*"))
    inv = inventory(
        {user(A, "bounded-user"): (A, doc(allow("ec2:*")))},
        {role(A, "bounded-role"): (A, doc(allow("ec2:*")), trust(user(A, "nobody")))},
        boundaries={user(A, "bounded-user"): ec2_only, role(A, "bounded-role"): ec2_only},
        buckets={"b": (A, bucket_policy)},
    )
    assert answers(inv, "s3:GetObject", "arn:aws:s3:::b/k") == {user(A, "bounded-user"): "allowed"}


def test_a_role_identity_center_provisioned_is_its_session() -> None:
    sso_role = f"arn:aws:iam::{A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123abcd"
    bucket_policy = doc(
        {
            "Effect": "Allow",
            "Principal": {"AWS": sso_role},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/*",
        }
    )
    inv = inventory(
        {},
        {
            sso_role: (
                A,
                doc(allow("ec2:Describe*")),
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"Federated": "saml"},
                        "Action": "sts:AssumeRoleWithSAML",
                    }
                ),
            )
        },
        buckets={"b": (A, bucket_policy)},
    )
    frames = dict(inv.items())
    pset = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
    frames["sso.users"] = pd.DataFrame([{"user_id": "u1", "user_name": "carol"}])
    frames["sso.group_memberships"] = pd.DataFrame(columns=["group_id", "user_id", "group_name"])
    frames["sso.permission_sets"] = pd.DataFrame(
        [
            {
                "permission_set_arn": pset,
                "name": "Dev",
                "managed_policies": "[]",
                "customer_managed_policies": "[]",
                "inline_policy": doc(allow("ec2:Describe*")),
                "managed_policy_documents": "{}",
            }
        ]
    )
    frames["sso.account_assignments"] = pd.DataFrame(
        [
            {
                "account_id": B,
                "target_account_id": A,
                "permission_set_arn": pset,
                "permission_set_name": "Dev",
                "principal_type": "USER",
                "principal_id": "u1",
            }
        ]
    )
    inv = Inventory(frames)
    found = access.who_can(inv, "s3:GetObject", "arn:aws:s3:::b/k")
    assert list(zip(found["principal"], found["decision"], found["users"], strict=True)) == [
        (f"sso:Dev@{A}", "allowed", "carol")
    ]
    held = access.effective(inv)
    assert sso_role not in set(held["principal"])  # not counted twice: it is carol's session
    assert set(held["principal"]) == {"sso-user:carol"}


def test_effective_reaches_other_accounts_through_assumable_roles() -> None:
    inv = inventory(
        {user(A, "dev"): (A, doc(allow("sts:AssumeRole", role(B, "deployer"))))},
        {
            role(B, "deployer"): (B, doc(allow("lambda:*")), trust(user(A, "dev"))),
            role(B, "untrusting"): (B, doc(allow("s3:*")), trust(user(B, "someone-else"))),
        },
    )
    held = access.effective(inv)
    mine = held[held["principal"] == user(A, "dev")]
    assert set(zip(mine["account_id"], mine["service"], strict=True)) == {(A, "sts"), (B, "lambda")}
    assert set(mine.loc[mine["account_id"] == B, "via"]) == {
        f"user dev: inline dev-inline -> assumes role deployer in {B}"
    }
