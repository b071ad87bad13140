"""The SNS.4 check on small inventories built by hand: exactly which topics FAIL and PASS,
why, and the FSBP control it answers."""

from __future__ import annotations

import json

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
PUBLIC = "sns_topic_policy_public"


def topic(name: str, **fields) -> dict:
    arn = f"arn:aws:sns:{EAST}:{A}:{name}"
    return {"account_id": A, "region": EAST, "name": name, "topic_arn": arn, **fields}


def policy(principal: object, condition: dict | None = None) -> str:
    statement = {
        "Effect": "Allow",
        "Principal": principal,
        "Action": ["SNS:Publish", "SNS:Subscribe"],
        "Resource": f"arn:aws:sns:{EAST}:{A}:t",
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def results(*rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({"sns.topics": TABLES["sns.topics"].frame(rows)})
    found = toolkit.run_checks(inv, checks=PUBLIC)
    assert set(found["check_id"]) <= {PUBLIC}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_check_is_mapped_to_fsbp_sns_4() -> None:
    load_builtin()
    assert CHECKS[PUBLIC].frameworks == {"AWS-FSBP": ("SNS.4",)}
    assert "--topic-arn arn:aws:sns:{region}:{account_id}:{resource_id}" in (
        CHECKS[PUBLIC].remediation_cli
    )


def test_fails_only_a_wildcard_principal_without_a_pinning_condition() -> None:
    owner = {"StringEquals": {"AWS:SourceOwner": A}}
    org = {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}
    limited = "access policy limited to named principals or conditions"
    public = "access policy allows anyone (wildcard principal, no limiting condition)"
    result = results(
        topic("default", policy=policy({"AWS": "*"}, owner)),
        topic("org", policy=policy({"AWS": "*"}, org)),
        topic("account", policy=policy({"AWS": f"arn:aws:iam::{A}:root"})),
        topic("open", policy=policy({"AWS": "*"})),
        topic("star", policy=policy("*")),
        topic("none"),
    )
    assert result == {
        "default": ("PASS", limited),
        "org": ("PASS", limited),
        "account": ("PASS", limited),
        "open": ("FAIL", public),
        "star": ("FAIL", public),
        "none": ("PASS", "no access policy: only the account's principals, through IAM"),
    }
