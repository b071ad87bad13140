"""toolkit.policies: the one reading of IAM policy documents that checks and collectors share."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from toolkit import policies

ADMIN = {"Effect": "Allow", "Action": "*", "Resource": "*"}


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def test_load_reads_text_url_encoded_text_and_dicts() -> None:
    parsed = json.loads(doc(ADMIN))
    assert policies.load(doc(ADMIN)) == parsed
    assert policies.load(quote(doc(ADMIN))) == parsed
    assert policies.load(parsed) is parsed
    assert policies.load("not json") is None
    assert policies.to_json(quote(doc(ADMIN))) == json.dumps(parsed)
    assert policies.to_json("not json") == "not json"
    assert policies.to_json(None) is None


@pytest.mark.parametrize(
    "document, count",
    [
        (doc(ADMIN, {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}), 2),
        (json.dumps({"Statement": ADMIN}), 1),  # one statement, not a list
        (json.dumps({"Statement": [ADMIN, "junk", None]}), 1),
        (json.dumps([ADMIN]), 0),
        ("", 0),
        (None, 0),
        ("{", 0),
    ],
)
def test_statements_never_raise(document, count: int) -> None:
    assert len(policies.statements(document)) == count


def test_elements_are_lists() -> None:
    statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["a", "b"]}
    assert policies.actions(statement) == ["s3:GetObject"]
    assert policies.resources(statement) == ["a", "b"]
    assert policies.as_list(None) == [] and policies.as_list({"a": 1}) == [{"a": 1}]
    assert policies.is_allow(statement) and not policies.is_deny(statement)


def test_principals() -> None:
    assert policies.principals({"Principal": "*"}) == ["*"]
    assert policies.principals({"Principal": "*"}, "Service") == ["*"]
    named = {
        "Principal": {"AWS": ["arn:aws:iam::111122223333:root"], "Service": "ec2.amazonaws.com"}
    }
    assert policies.principals(named) == ["arn:aws:iam::111122223333:root"]
    assert policies.principals(named, "Service") == ["ec2.amazonaws.com"]
    assert policies.principals({}) == []


@pytest.mark.parametrize(
    "statement, strict, conditional",
    [
        (ADMIN, True, True),
        ({**ADMIN, "Action": ["s3:GetObject", "*:*"]}, True, True),
        ({**ADMIN, "Resource": ["*"]}, True, True),
        ({**ADMIN, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}, False, True),
        ({**ADMIN, "Effect": "Deny"}, False, False),
        ({**ADMIN, "Resource": "arn:aws:s3:::b"}, False, False),
        ({**ADMIN, "Action": "s3:*"}, False, False),
    ],
)
def test_allows_full_admin(statement: dict, strict: bool, conditional: bool) -> None:
    assert policies.allows_full_admin(doc(statement)) is strict
    assert policies.allows_full_admin(doc(statement), conditional=True) is conditional


def test_service_wildcards() -> None:
    document = doc(
        {"Effect": "Allow", "Action": ["s3:*", "ec2:Describe*", "IAM:*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "kms:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    )
    assert policies.service_wildcards(document) == ["IAM:*", "s3:*"]
    assert policies.service_wildcards("junk") == []


@pytest.mark.parametrize(
    "statement, covered",
    [
        ({"Action": "organizations:LeaveOrganization"}, True),
        ({"Action": ["s3:*", "Organizations:Leave*"]}, True),
        ({"Action": "organizations:?eaveOrganization"}, True),
        ({"Action": "organizations:Describe*"}, False),
        ({"NotAction": "s3:*"}, True),
        ({"NotAction": ["organizations:*"]}, False),
        ({}, False),
    ],
)
def test_covers_action(statement: dict, covered: bool) -> None:
    assert policies.covers_action(statement, "organizations:LeaveOrganization") is covered


def test_aws_managed_policy_pattern() -> None:
    pattern = re.compile(policies.aws_managed_policy_pattern("AdministratorAccess"))
    assert pattern.match("arn:aws:iam::aws:policy/AdministratorAccess")
    assert pattern.match("arn:aws-us-gov:iam::aws:policy/AdministratorAccess")
    assert not pattern.match("arn:aws:iam::111122223333:policy/AdministratorAccess")
    assert not pattern.match("arn:aws:iam::aws:policy/AdministratorAccessV2")
