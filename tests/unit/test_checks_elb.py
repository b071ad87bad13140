"""Classic ELB checks on small inventories built by hand: exactly which load balancers FAIL and
which PASS, and why."""

from __future__ import annotations

import re

from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
CONTROLS = {
    "elb_listener_certificate_not_from_acm": "ELB.2",
    "elb_listener_unencrypted": "ELB.3",
    "elb_access_logging_disabled": "ELB.5",
    "elb_connection_draining_disabled": "ELB.7",
    "elb_ssl_listener_weak_security_policy": "ELB.8",
    "elb_cross_zone_load_balancing_disabled": "ELB.9",
    "elb_single_availability_zone": "ELB.10",
    "elb_desync_mitigation_mode_weak": "ELB.14",
}
ACM = f"arn:aws:acm:{EAST}:{A}:certificate/1"
IAM = f"arn:aws:iam::{A}:server-certificate/old"
STRONG = "ELBSecurityPolicy-TLS-1-2-2017-01"


def arn(name: str) -> str:
    return f"arn:aws:elasticloadbalancing:{EAST}:{A}:loadbalancer/{name}"


def balancer(name: str, **fields) -> dict:
    return {"arn": arn(name), "name": name, **fields}


def listener(name: str, protocol: str, port: int, **fields) -> dict:
    return {
        "id": f"{arn(name)}/listener/{port}",
        "load_balancer_arn": arn(name),
        "load_balancer_name": name,
        "protocol": protocol,
        "port": port,
        **fields,
    }


def inventory(balancers: list[dict], listeners: list[dict] = ()) -> Inventory:
    base = {"account_id": A, "region": EAST}
    return Inventory(
        {
            "elb.load_balancers": TABLES["elb.load_balancers"].frame(
                {**base, **b} for b in balancers
            ),
            "elb.listeners": TABLES["elb.listeners"].frame({**base, **x} for x in listeners),
        }
    )


def statuses(found: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {k: v[0] for k, v in found.items()}


def test_checks_are_registered_and_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        entry = CHECKS[check]
        assert entry.frameworks == {"AWS-FSBP": (control,)}
        assert entry.remediation_cli.startswith("aws elb ")
        assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {
            "resource_id",
            "region",
        }


def test_certificates_must_come_from_acm_on_every_tls_listener() -> None:
    inv = inventory(
        [balancer("acm"), balancer("mixed"), balancer("plain")],
        [
            listener("acm", "HTTPS", 443, certificate=ACM),
            listener("mixed", "HTTPS", 443, certificate=ACM),
            listener("mixed", "SSL", 8443, certificate=IAM),
            listener("plain", "HTTP", 80),
        ],
    )
    found = results(inv, "elb_listener_certificate_not_from_acm")
    assert statuses(found) == {"acm": "PASS", "mixed": "FAIL"}  # no TLS listener: not judged
    assert found["mixed"][1] == f"mixed: SSL 8443 uses {IAM}, not a certificate from ACM"


def test_every_listener_must_be_https_or_ssl() -> None:
    inv = inventory(
        [balancer("tls"), balancer("mixed"), balancer("none")],
        [
            listener("tls", "HTTPS", 443),
            listener("tls", "SSL", 8443),
            listener("mixed", "HTTPS", 443),
            listener("mixed", "TCP", 25),
            listener("mixed", "HTTP", 80),
        ],
    )
    found = results(inv, "elb_listener_unencrypted")
    assert statuses(found) == {"tls": "PASS", "mixed": "FAIL"}  # no listener: not judged
    assert found["mixed"][1] == "mixed: listener TCP 25; HTTP 80 is not encrypted"
    assert found["tls"][1] == "tls: every listener encrypts (HTTPS 443; SSL 8443)"


def test_tls_listeners_must_use_the_predefined_strong_policy() -> None:
    inv = inventory(
        [balancer("strong"), balancer("old"), balancer("custom"), balancer("plain")],
        [
            listener("strong", "HTTPS", 443, ssl_policy=STRONG),
            listener("old", "HTTPS", 443, ssl_policy="ELBSecurityPolicy-2016-08"),
            listener("custom", "SSL", 443),
            listener("plain", "HTTP", 80),
        ],
    )
    found = results(inv, "elb_ssl_listener_weak_security_policy")
    assert statuses(found) == {"strong": "PASS", "old": "FAIL", "custom": "FAIL"}
    assert found["custom"][1] == f"custom: SSL 443 uses no predefined policy, not {STRONG}"


def test_attribute_checks_fail_what_is_off_or_unsaid() -> None:
    inv = inventory(
        [
            balancer(
                "on",
                access_logs_enabled=True,
                access_logs_bucket="logs",
                connection_draining_enabled=True,
                connection_draining_timeout=300,
                cross_zone_load_balancing=True,
            ),
            balancer(
                "off",
                access_logs_enabled=False,
                connection_draining_enabled=False,
                cross_zone_load_balancing=False,
            ),
            balancer("unsaid"),
        ]
    )
    for check in (
        "elb_access_logging_disabled",
        "elb_connection_draining_disabled",
        "elb_cross_zone_load_balancing_disabled",
    ):
        found = results(inv, check)
        assert statuses(found) == {"on": "PASS", "off": "FAIL", "unsaid": "FAIL"}, check
    assert results(inv, "elb_access_logging_disabled")["on"][1] == "on: access logs go to logs"
    draining = results(inv, "elb_connection_draining_disabled")
    assert draining["on"][1] == "on: connection draining on (300 s)"


def test_two_availability_zones_are_the_minimum() -> None:
    inv = inventory(
        [
            balancer("two", availability_zones='["us-east-1a", "us-east-1b"]'),
            balancer("one", availability_zones='["us-east-1a"]'),
            balancer("none", availability_zones="[]"),
        ]
    )
    found = results(inv, "elb_single_availability_zone")
    assert statuses(found) == {"two": "PASS", "one": "FAIL", "none": "FAIL"}
    assert found["one"][1] == "one: spans fewer than 2 Availability Zones (us-east-1a)"
    assert found["two"][1] == "two: spans 2 Availability Zones (us-east-1a, us-east-1b)"


def test_desync_mode_must_be_defensive_or_strictest() -> None:
    inv = inventory(
        [
            balancer("defensive", desync_mitigation_mode="defensive"),
            balancer("strictest", desync_mitigation_mode="strictest"),
            balancer("monitor", desync_mitigation_mode="monitor"),
            balancer("unsaid"),  # AWS's default: defensive
        ]
    )
    found = results(inv, "elb_desync_mitigation_mode_weak")
    assert statuses(found) == {
        "defensive": "PASS",
        "strictest": "PASS",
        "monitor": "FAIL",
        "unsaid": "PASS",
    }
    assert (
        found["monitor"][1] == "monitor: desync mitigation mode monitor, not defensive or strictest"
    )


def test_no_load_balancers_no_rows() -> None:
    assert toolkit.run_checks(inventory([]), checks="elb").empty
