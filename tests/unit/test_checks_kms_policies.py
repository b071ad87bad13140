"""FSBP KMS.1 and KMS.2 (IAM policies that allow KMS decryption on all keys) on small
inventories built by hand, and the Resource patterns that count as every key."""

from __future__ import annotations

import json

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.checks.iam._shared import kms_decrypt_on_every_key, names_every_kms_key
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
MANAGED = "iam_policy_allows_kms_decrypt_all_keys"
INLINE = "iam_inline_policy_allows_kms_decrypt_all_keys"


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action: object, resource: object = "*", **more: object) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **more}


@pytest.mark.parametrize(
    ("resource", "every"),
    [
        ("*", True),
        ("arn:aws:kms:*", True),
        ("arn:aws:kms:*:*:key/*", True),
        (f"arn:aws:kms:us-east-1:{A}:key/*", True),
        ("arn:*", True),
        (f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab", False),
        ("arn:aws:s3:::bucket/*", False),
    ],
)
def test_which_resources_name_every_key(resource: str, every: bool) -> None:
    assert names_every_kms_key(resource) is every


def test_actions_by_name_wildcard_or_not_action_count_conditions_do_not_matter() -> None:
    assert kms_decrypt_on_every_key(doc(allow("kms:Decrypt"))) == ["kms:Decrypt"]
    assert kms_decrypt_on_every_key(doc(allow("kms:*"))) == ["kms:Decrypt", "kms:ReEncryptFrom"]
    assert kms_decrypt_on_every_key(doc(allow("kms:ReEncrypt*"))) == ["kms:ReEncryptFrom"]
    not_iam = {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
    assert kms_decrypt_on_every_key(doc(not_iam)) == ["kms:Decrypt", "kms:ReEncryptFrom"]
    conditional = allow("kms:Decrypt", Condition={"StringEquals": {"aws:ViaService": "s3"}})
    assert kms_decrypt_on_every_key(doc(conditional)) == ["kms:Decrypt"]
    assert kms_decrypt_on_every_key(doc(allow("kms:Encrypt"))) == []
    assert kms_decrypt_on_every_key(doc(allow("kms:Decrypt", "arn:aws:kms:::key/1"))) == []
    deny = {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}
    assert kms_decrypt_on_every_key(doc(deny)) == []
    assert kms_decrypt_on_every_key("not json") == []


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS[MANAGED].frameworks == {"AWS-FSBP": ("KMS.1",)}
    assert CHECKS[INLINE].frameworks == {"AWS-FSBP": ("KMS.2",)}


def test_customer_managed_policies() -> None:
    def policy(name: str, document: str) -> dict:
        arn = f"arn:aws:iam::{A}:policy/{name}"
        return {"account_id": A, "region": "global", "policy_name": name, "arn": arn,
                "document": document}  # fmt: skip

    frame = TABLES["iam.policies"].frame(
        [
            policy("admin", doc(allow("*"))),
            policy("one-key", doc(allow("kms:Decrypt", f"arn:aws:kms:us-east-1:{A}:key/k"))),
            policy("logs", doc(allow(["logs:PutLogEvents"]))),
        ]
    )
    found = results(Inventory({"iam.policies": frame}), MANAGED)
    arn = f"arn:aws:iam::{A}:policy/"
    assert found == {
        arn + "admin": ("FAIL", "allows kms:Decrypt, kms:ReEncryptFrom on all KMS keys"),
        arn + "one-key": ("PASS", "no KMS decryption on all keys"),
        arn + "logs": ("PASS", "no KMS decryption on all keys"),
    }


def test_inline_policies_are_judged_per_principal() -> None:
    def attached(kind: str, name: str, policy: str, document: str | None) -> dict:
        return {
            "account_id": A,
            "region": "global",
            "principal_type": kind,
            "principal_name": name,
            "principal_arn": f"arn:aws:iam::{A}:{kind}/{name}",
            "policy_type": "inline" if document else "managed",
            "policy_name": policy,
            "policy_arn": None if document else f"arn:aws:iam::aws:policy/{policy}",
            "document": document,
        }

    frame = TABLES["iam.policy_attachments"].frame(
        [
            attached("role", "app", "read", doc(allow("s3:GetObject"))),
            attached("role", "app", "secrets", doc(allow(["kms:Decrypt", "sm:Get*"]))),
            attached("user", "ops", "s3", doc(allow("s3:*"))),
            attached("group", "admins", "AdministratorAccess", None),
        ]
    )
    inv = Inventory({"iam.policy_attachments": frame})
    assert results(inv, INLINE) == {
        "app": ("FAIL", "role secrets allows kms:Decrypt on all KMS keys"),
        "ops": ("PASS", "user: no inline KMS decryption on all keys"),
    }
    arns = set(CHECKS[INLINE](inv)["resource_arn"])
    assert arns == {f"arn:aws:iam::{A}:role/app", f"arn:aws:iam::{A}:user/ops"}
