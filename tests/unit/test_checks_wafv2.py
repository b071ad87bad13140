"""The WAF check on small inventories built by hand: web ACLs without rules FAIL, with rules
PASS, and ones whose rules were not read are not judged."""

from __future__ import annotations

import re

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
CHECK = "wafv2_web_acl_no_rules"


def web_acl(name: str, scope: str = "REGIONAL", **fields) -> dict:
    kind = "regional" if scope == "REGIONAL" else "global"
    return {
        "account_id": A,
        "region": "us-east-1",
        "arn": f"arn:aws:wafv2:us-east-1:{A}:{kind}/webacl/{name}/1",
        "id": "1",
        "name": name,
        "scope": scope,
        **fields,
    }


def results(*rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({"wafv2.web_acls": TABLES["wafv2.web_acls"].frame(rows)})
    found = toolkit.run_checks(inv, checks=CHECK)
    return {
        r: (s, d)
        for r, s, d in zip(
            found["resource_id"], found["status"].astype(str), found["detail"], strict=True
        )
    }


def test_registered_and_mapped_to_waf_10() -> None:
    load_builtin()
    entry = CHECKS[CHECK]
    assert entry.frameworks == {"AWS-FSBP": ("WAF.10",)}
    assert "WAF.10" in entry.description
    assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {"resource_id", "region"}


def test_no_rules_fails_rules_pass_and_unread_is_not_judged() -> None:
    found = results(
        web_acl("empty", "CLOUDFRONT", rule_count=0),
        web_acl("guarded", rule_count=3),
        web_acl("unread"),
    )
    assert found == {
        "empty": ("FAIL", "empty (CLOUDFRONT): no rules or rule groups"),
        "guarded": ("PASS", "guarded (REGIONAL): 3 rules"),
    }
