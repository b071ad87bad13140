"""SQS checks on small inventories built by hand: exactly which queues FAIL and PASS, why, and
the FSBP controls they answer."""

from __future__ import annotations

import json

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
ENCRYPTION = "sqs_queue_unencrypted"
PUBLIC = "sqs_queue_policy_public"


def queue(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "queue_name": name,
        "queue_url": f"https://sqs.{EAST}.amazonaws.com/{A}/{name}",
        "arn": f"arn:aws:sqs:{EAST}:{A}:{name}",
        **fields,
    }


def policy(principal: object, condition: dict | None = None) -> str:
    statement = {
        "Effect": "Allow",
        "Principal": principal,
        "Action": "sqs:SendMessage",
        "Resource": f"arn:aws:sqs:{EAST}:{A}:q",
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def results(check: str, *rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({"sqs.queues": TABLES["sqs.queues"].frame(rows)})
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS[ENCRYPTION].frameworks == {"AWS-FSBP": ("SQS.1",)}
    assert CHECKS[PUBLIC].frameworks == {"AWS-FSBP": ("SQS.3",)}
    for check in (ENCRYPTION, PUBLIC):
        cli = CHECKS[check].remediation_cli
        assert "--queue-url https://sqs.{region}.amazonaws.com/{account_id}/{resource_id}" in cli


def test_encryption_passes_sse_sqs_and_sse_kms_and_fails_neither() -> None:
    result = results(
        ENCRYPTION,
        queue("sqs", sqs_managed_sse_enabled=True),
        queue("kms", sqs_managed_sse_enabled=False, kms_master_key_id="alias/aws/sqs"),
        queue("plain", sqs_managed_sse_enabled=False),
        queue("unknown"),
    )
    assert result == {
        "sqs": ("PASS", "encrypted at rest with SSE-SQS"),
        "kms": ("PASS", "encrypted at rest with SSE-KMS, key alias/aws/sqs"),
        "plain": ("FAIL", "not encrypted at rest (neither SSE-SQS nor SSE-KMS)"),
        "unknown": ("FAIL", "not encrypted at rest (neither SSE-SQS nor SSE-KMS)"),
    }


def test_policy_fails_only_a_wildcard_principal_without_a_pinning_condition() -> None:
    org = {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}
    source = {"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:{EAST}:{A}:topic"}}
    any_source = {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}
    result = results(
        PUBLIC,
        queue("none"),
        queue("account", policy=policy({"AWS": f"arn:aws:iam::{A}:root"})),
        queue("open", policy=policy("*")),
        queue("open-aws", policy=policy({"AWS": "*"})),
        queue("org", policy=policy("*", org)),
        queue("topic", policy=policy("*", source)),
        queue("any-topic", policy=policy("*", any_source)),
        queue("unreadable", policy="not json"),
    )
    assert {k: v[0] for k, v in result.items()} == {
        "none": "PASS",
        "account": "PASS",
        "open": "FAIL",
        "open-aws": "FAIL",
        "org": "PASS",
        "topic": "PASS",
        "any-topic": "FAIL",  # a wildcard in the condition pins nothing
        "unreadable": "PASS",
    }
    assert result["none"][1].startswith("no access policy")
    assert result["open"][1].startswith("access policy allows anyone")
    assert result["org"][1] == "access policy limited to named principals or conditions"
