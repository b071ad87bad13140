"""ECR checks on small inventories built by hand: exactly which repositories FAIL and PASS, why,
and the FSBP controls they answer."""

from __future__ import annotations

import json

from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
SCANNING = "ecr_repository_image_scanning_disabled"
MUTABLE = "ecr_repository_tags_mutable"
LIFECYCLE = "ecr_repository_lifecycle_policy_missing"
PUBLIC = "ecr_repository_policy_public"


def repository(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "repository_name": name,
        "arn": f"arn:aws:ecr:{EAST}:{A}:repository/{name}",
        **fields,
    }


def inventory(*rows: dict) -> Inventory:
    return Inventory({"ecr.repositories": TABLES["ecr.repositories"].frame(rows)})


def policy(condition: dict | None = None) -> str:
    statement = {"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS[SCANNING].frameworks == {"AWS-FSBP": ("ECR.1",)}
    assert CHECKS[MUTABLE].frameworks == {"AWS-FSBP": ("ECR.2",)}
    assert CHECKS[LIFECYCLE].frameworks == {"AWS-FSBP": ("ECR.3",)}
    assert CHECKS[PUBLIC].frameworks == {}
    for check in (SCANNING, MUTABLE, LIFECYCLE, PUBLIC):
        assert CHECKS[check].remediation_cli.startswith("aws ecr ")
        assert "{resource_id}" in CHECKS[check].remediation_cli


def test_scanning_fails_repositories_without_scan_on_push() -> None:
    inv = inventory(
        repository("scanned", scan_on_push=True),
        repository("unscanned", scan_on_push=False),
        repository("unknown"),
    )
    result = results(inv, SCANNING)
    assert {k: v[0] for k, v in result.items()} == {
        "scanned": "PASS",
        "unscanned": "FAIL",
        "unknown": "FAIL",
    }
    assert result["scanned"][1] == "images are scanned on push"
    assert result["unscanned"][1].startswith("scan on push is off")


def test_tag_immutability_accepts_immutable_with_exclusions() -> None:
    inv = inventory(
        repository("locked", image_tag_mutability="IMMUTABLE"),
        repository("mostly", image_tag_mutability="IMMUTABLE_WITH_EXCLUSION"),
        repository("open", image_tag_mutability="MUTABLE"),
        repository("mostly-open", image_tag_mutability="MUTABLE_WITH_EXCLUSION"),
        repository("unknown"),
    )
    result = results(inv, MUTABLE)
    assert {k: v[0] for k, v in result.items()} == {
        "locked": "PASS",
        "mostly": "PASS",
        "open": "FAIL",
        "mostly-open": "FAIL",
        "unknown": "FAIL",
    }
    assert result["locked"][1] == "image tags are immutable"
    assert result["open"][1] == (
        "image tags are mutable: a pushed tag can be overwritten with another image"
    )
    assert result["unknown"][1].startswith("tag mutability not reported")


def test_lifecycle_fails_repositories_without_a_policy() -> None:
    inv = inventory(
        repository("kept-tidy", lifecycle_policy='{"rules": [{}, {}]}', lifecycle_rule_count=2),
        repository("hoarder", lifecycle_rule_count=0),
    )
    result = results(inv, LIFECYCLE)
    assert result["kept-tidy"] == ("PASS", "lifecycle policy with 2 rule(s)")
    assert result["hoarder"] == ("FAIL", "no lifecycle policy: old images are never expired")


def test_public_policy_fails_only_an_unconditioned_wildcard() -> None:
    inv = inventory(
        repository("open", policy=policy()),
        repository("org", policy=policy({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})),
        repository("none"),
    )
    result = results(inv, PUBLIC)
    assert {k: v[0] for k, v in result.items()} == {"open": "FAIL", "org": "PASS", "none": "PASS"}
    assert result["open"][1] == (
        "repository policy allows anyone (wildcard principal, no limiting condition)"
    )
    assert result["org"][1] == "repository policy limited to named principals or conditions"
    assert result["none"][1].startswith("no repository policy")


def test_no_repositories_no_findings() -> None:
    inv = Inventory({"ecr.repositories": TABLES["ecr.repositories"].empty()})
    for check in (SCANNING, MUTABLE, LIFECYCLE, PUBLIC):
        assert toolkit.run_checks(inv, checks=check).empty
