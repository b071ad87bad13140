"""ELBv2 checks on small inventories built by hand: exactly which load balancers FAIL and which
PASS, and why."""

from __future__ import annotations

import re

import pandas as pd

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
CONTROLS = {
    "elbv2_alb_http_not_redirected_to_https": "ELB.1",
    "elbv2_alb_invalid_headers_not_dropped": "ELB.4",
    "elbv2_load_balancer_access_logging_disabled": "ELB.5",
    "elbv2_load_balancer_deletion_protection_disabled": "ELB.6",
}


def arn(name: str, kind: str = "app") -> str:
    return f"arn:aws:elasticloadbalancing:{EAST}:{A}:loadbalancer/{kind}/{name}/1"


def balancer(name: str, kind: str = "application", **fields) -> dict:
    short = {"application": "app", "network": "net", "gateway": "gwy"}[kind]
    return {"arn": arn(name, short), "name": name, "type": kind, **fields}


def listener(name: str, protocol: str, port: int, redirects: bool = False) -> dict:
    return {
        "arn": f"{arn(name)}/listener-{port}",
        "load_balancer_arn": arn(name),
        "load_balancer_name": name,
        "load_balancer_type": "application",
        "protocol": protocol,
        "port": port,
        "redirects_to_https": redirects,
    }


def inventory(balancers: list[dict], listeners: list[dict] = ()) -> Inventory:
    base = {"account_id": A, "region": EAST}
    return Inventory(
        {
            "elbv2.load_balancers": TABLES["elbv2.load_balancers"].frame(
                {**base, **b} for b in balancers
            ),
            "elbv2.listeners": TABLES["elbv2.listeners"].frame({**base, **x} for x in listeners),
            "elbv2.target_groups": TABLES["elbv2.target_groups"].frame([]),
        }
    )


def results(inv: Inventory, check: str) -> dict[str, tuple[str, str]]:
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    return {
        r: (s, d)
        for r, s, d in zip(
            found["resource_id"], found["status"].astype(str), found["detail"], strict=True
        )
    }


def test_checks_are_registered_and_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        entry = CHECKS[check]
        assert entry.frameworks == {"AWS-FSBP": (control,)}
        assert entry.remediation_cli.startswith("aws elbv2 ")
        assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {
            "resource_id",
            "account_id",
            "region",
        }


def test_http_listeners_must_all_redirect_to_https() -> None:
    inv = inventory(
        [balancer("good"), balancer("mixed"), balancer("https-only"), balancer("nlb", "network")],
        [
            listener("good", "HTTP", 80, redirects=True),
            listener("good", "HTTPS", 443),
            listener("mixed", "HTTP", 80, redirects=True),
            listener("mixed", "HTTP", 8080),
            listener("https-only", "HTTPS", 443),
        ],
    )
    found = results(inv, "elbv2_alb_http_not_redirected_to_https")
    assert {k: v[0] for k, v in found.items()} == {
        "good": "PASS",
        "mixed": "FAIL",
        "https-only": "PASS",
    }  # Network Load Balancers are not judged
    assert found["mixed"][1] == "mixed: HTTP listener on port 8080 does not redirect to HTTPS"
    assert found["good"][1] == "good: every HTTP listener (port 80) redirects to HTTPS"
    assert found["https-only"][1] == "https-only: no HTTP listener"


def test_invalid_headers_are_judged_on_application_load_balancers_only() -> None:
    inv = inventory(
        [
            balancer("drops", drop_invalid_header_fields=True),
            balancer("passes", drop_invalid_header_fields=False),
            balancer("unsaid"),  # not answered: AWS's default, off
            balancer("nlb", "network"),
        ]
    )
    found = results(inv, "elbv2_alb_invalid_headers_not_dropped")
    assert {k: v[0] for k, v in found.items()} == {
        "drops": "PASS",
        "passes": "FAIL",
        "unsaid": "FAIL",
    }
    assert found["passes"][1] == "passes: passes HTTP headers with invalid names to its targets"


def test_access_logs_are_judged_on_application_load_balancers_only() -> None:
    inv = inventory(
        [
            balancer("logged", access_logs_enabled=True, access_logs_bucket="logs"),
            balancer("silent", access_logs_enabled=False),
            balancer("nlb", "network", access_logs_enabled=False),
        ]
    )
    found = results(inv, "elbv2_load_balancer_access_logging_disabled")
    assert found == {
        "logged": ("PASS", "logged: access logs go to logs"),
        "silent": ("FAIL", "silent: access logs off (access_logs.s3.enabled is false)"),
    }


def test_deletion_protection_is_judged_on_every_type() -> None:
    inv = inventory(
        [
            balancer("alb", deletion_protection=True),
            balancer("nlb", "network", deletion_protection=False),
            balancer("gwlb", "gateway", deletion_protection=False),
        ]
    )
    found = results(inv, "elbv2_load_balancer_deletion_protection_disabled")
    assert {k: v[0] for k, v in found.items()} == {"alb": "PASS", "nlb": "FAIL", "gwlb": "FAIL"}
    assert found["alb"][1] == "alb: deletion protection on"
    arns = toolkit.run_checks(inv, checks="elbv2_load_balancer_deletion_protection_disabled")
    assert set(arns["resource_arn"]) == {arn("alb"), arn("nlb", "net"), arn("gwlb", "gwy")}


def test_no_load_balancers_no_rows() -> None:
    found = toolkit.run_checks(inventory([]), checks="elbv2")
    assert found.empty
    assert isinstance(found, pd.DataFrame)
