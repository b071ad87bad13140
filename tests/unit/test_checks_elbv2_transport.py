"""ELBv2 checks of zones, desync mitigation, listener protocols and policies, and target groups
(FSBP ELB.12, ELB.13, ELB.17, ELB.18, ELB.21, ELB.22) on small inventories built by hand."""

from __future__ import annotations

from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
CONTROLS = {
    "elbv2_alb_desync_mitigation_mode_weak": "ELB.12",
    "elbv2_load_balancer_single_availability_zone": "ELB.13",
    "elbv2_listener_weak_security_policy": "ELB.17",
    "elbv2_listener_unencrypted_protocol": "ELB.18",
    "elbv2_target_group_health_check_unencrypted": "ELB.21",
    "elbv2_target_group_unencrypted_protocol": "ELB.22",
}
RECOMMENDED = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"


def arn(name: str) -> str:
    return f"arn:aws:elasticloadbalancing:{EAST}:{A}:loadbalancer/app/{name}/1"


def balancer(name: str, kind: str = "application", **fields) -> dict:
    return {"arn": arn(name), "name": name, "type": kind, **fields}


def listener(name: str, kind: str, protocol: str, port: int, policy: str | None = None) -> dict:
    return {
        "arn": f"{arn(name)}/listener-{port}",
        "load_balancer_arn": arn(name),
        "load_balancer_name": name,
        "load_balancer_type": kind,
        "protocol": protocol,
        "port": port,
        "ssl_policy": policy,
    }


def group(name: str, protocol: str | None, health: str | None, target_type="instance") -> dict:
    return {
        "arn": f"arn:aws:elasticloadbalancing:{EAST}:{A}:targetgroup/{name}/1",
        "name": name,
        "protocol": protocol,
        "health_check_protocol": health,
        "target_type": target_type,
    }


def inventory(balancers=(), listeners=(), groups=()) -> Inventory:
    base = {"account_id": A, "region": EAST}
    return Inventory(
        {
            table: TABLES[table].frame({**base, **row} for row in rows)
            for table, rows in (
                ("elbv2.load_balancers", balancers),
                ("elbv2.listeners", listeners),
                ("elbv2.target_groups", groups),
            )
        }
    )


def statuses(found: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {k: v[0] for k, v in found.items()}


def test_checks_are_registered_and_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
        assert CHECKS[check].remediation_cli.startswith("aws elbv2 ")


def test_desync_mode_is_judged_on_application_load_balancers() -> None:
    inv = inventory(
        [
            balancer("strictest", desync_mitigation_mode="strictest"),
            balancer("monitor", desync_mitigation_mode="monitor"),
            balancer("unsaid"),  # AWS's default: defensive
            balancer("nlb", "network"),
        ]
    )
    found = results(inv, "elbv2_alb_desync_mitigation_mode_weak")
    assert statuses(found) == {"strictest": "PASS", "monitor": "FAIL", "unsaid": "PASS"}
    assert found["unsaid"][1] == "unsaid: desync mitigation mode defensive"


def test_two_availability_zones_for_every_type() -> None:
    inv = inventory(
        [
            balancer("alb", availability_zones='["us-east-1a", "us-east-1b"]'),
            balancer("nlb", "network", availability_zones='["us-east-1a"]'),
            balancer("gwlb", "gateway", availability_zones='["us-east-1c"]'),
        ]
    )
    found = results(inv, "elbv2_load_balancer_single_availability_zone")
    assert statuses(found) == {"alb": "PASS", "nlb": "FAIL", "gwlb": "FAIL"}
    assert found["nlb"][1] == "nlb: in fewer than 2 Availability Zones (us-east-1a)"


def test_tls_listeners_need_a_recommended_policy() -> None:
    inv = inventory(
        listeners=[
            listener("alb", "application", "HTTPS", 443, RECOMMENDED),
            listener("alb", "application", "HTTP", 80),
            listener("old", "application", "HTTPS", 443, "ELBSecurityPolicy-2016-08"),
            listener("nlb", "network", "TLS", 6514, "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            listener("nlb", "network", "TCP", 25),
        ]
    )
    found = results(inv, "elbv2_listener_weak_security_policy")
    assert statuses(found) == {"alb:443": "PASS", "old:443": "FAIL", "nlb:6514": "FAIL"}
    assert found["alb:443"][1] == f"alb:443 (HTTPS): uses {RECOMMENDED}, a recommended policy"


def test_listeners_must_be_https_or_tls_by_type() -> None:
    inv = inventory(
        listeners=[
            listener("alb", "application", "HTTPS", 443, RECOMMENDED),
            listener("alb", "application", "HTTP", 80),
            listener("nlb", "network", "TLS", 6514, RECOMMENDED),
            listener("nlb", "network", "TCP", 25),
            listener("nlb", "network", "HTTPS", 8443),  # not a Network Load Balancer's protocol
            listener("gwlb", "gateway", "GENEVE", 6081),
        ]
    )
    found = results(inv, "elbv2_listener_unencrypted_protocol")
    assert statuses(found) == {
        "alb:443": "PASS",
        "alb:80": "FAIL",
        "nlb:6514": "PASS",
        "nlb:25": "FAIL",
        "nlb:8443": "FAIL",
    }  # Gateway Load Balancers are not judged
    assert found["alb:80"][1] == "alb:80: HTTP, not HTTPS: traffic is not encrypted"


def test_health_checks_must_be_https_except_for_lambda() -> None:
    inv = inventory(
        groups=[
            group("https", "HTTPS", "HTTPS"),
            group("http", "HTTP", "HTTP"),
            group("tcp", "TLS", "TCP"),
            group("fn", None, None, "lambda"),
        ]
    )
    found = results(inv, "elbv2_target_group_health_check_unencrypted")
    assert statuses(found) == {"https": "PASS", "http": "FAIL", "tcp": "FAIL"}
    assert found["tcp"][1] == "tcp: health checks over TCP, not HTTPS"


def test_target_protocol_must_encrypt_except_lambda_alb_and_geneve() -> None:
    inv = inventory(
        groups=[
            group("https", "HTTPS", "HTTP"),
            group("tls", "TLS", "TCP"),
            group("quic", "QUIC", "HTTP"),
            group("http", "HTTP", "HTTP"),
            group("udp", "UDP", "TCP"),
            group("fn", None, None, "lambda"),
            group("chained", "TCP", "HTTP", "alb"),
            group("geneve", "GENEVE", "TCP"),
        ]
    )
    found = results(inv, "elbv2_target_group_unencrypted_protocol")
    assert statuses(found) == {
        "https": "PASS",
        "tls": "PASS",
        "quic": "PASS",
        "http": "FAIL",
        "udp": "FAIL",
    }
    assert found["udp"][1] == "udp: targets reached over UDP, not HTTPS, TLS or QUIC"
