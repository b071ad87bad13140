"""The Route53.2 check on small inventories built by hand: exactly which zones FAIL and PASS,
why, and the FSBP control it answers."""

from __future__ import annotations

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
CHECK = "route53_public_zone_query_logging_disabled"
LOGS = f"arn:aws:logs:us-east-1:{A}:log-group:/aws/route53/example.com:*"


def zone(zone_id: str, name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": "global",
        "zone_id": zone_id,
        "arn": f"arn:aws:route53:::hostedzone/{zone_id}",
        "name": name,
        **fields,
    }


def results(*rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({"route53.hosted_zones": TABLES["route53.hosted_zones"].frame(rows)})
    found = toolkit.run_checks(inv, checks=CHECK)
    assert set(found["check_id"]) <= {CHECK}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_check_is_mapped_to_fsbp_route53_2() -> None:
    load_builtin()
    assert CHECKS[CHECK].frameworks == {"AWS-FSBP": ("Route53.2",)}
    assert "--hosted-zone-id {resource_id}" in CHECKS[CHECK].remediation_cli


def test_public_zones_fail_without_logging_and_private_zones_are_not_judged() -> None:
    result = results(
        zone(
            "Z1",
            "example.com.",
            private_zone=False,
            query_logging_enabled=True,
            query_log_group_arn=LOGS,
        ),
        zone("Z2", "promo.example.com.", private_zone=False, query_logging_enabled=False),
        zone("Z3", "internal.example.com.", private_zone=True, query_logging_enabled=False),
        zone("Z4", "unknown.example.com.", private_zone=False),
    )
    assert result == {
        "Z1": ("PASS", f"public zone example.com.: DNS queries logged to {LOGS}"),
        "Z2": ("FAIL", "public zone promo.example.com.: DNS queries not logged"),
        "Z4": ("FAIL", "public zone unknown.example.com.: DNS queries not logged"),
    }
