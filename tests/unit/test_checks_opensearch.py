"""OpenSearch checks on small inventories built by hand: exactly which domains FAIL and PASS,
why, and the FSBP controls they answer."""

from __future__ import annotations

from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
REST = "opensearch_domain_unencrypted_at_rest"
VPC = "opensearch_domain_not_in_vpc"
NODES = "opensearch_domain_node_to_node_encryption_disabled"
ERRORS = "opensearch_domain_error_logging_disabled"
AUDIT = "opensearch_domain_audit_logging_disabled"
DATA_NODES = "opensearch_domain_fewer_than_three_data_nodes"
FGAC = "opensearch_domain_fine_grained_access_control_disabled"
TLS = "opensearch_domain_tls_policy_outdated"
MASTERS = "opensearch_domain_fewer_than_three_dedicated_master_nodes"
#: Each check's FSBP controls: the Opensearch.* control and the ES.* control of the same rule.
CONTROLS = {
    REST: ("ES.1", "Opensearch.1"),
    VPC: ("ES.2", "Opensearch.2"),
    NODES: ("ES.3", "Opensearch.3"),
    ERRORS: ("ES.4", "Opensearch.4"),
    AUDIT: ("ES.5", "Opensearch.5"),
    DATA_NODES: ("ES.6", "Opensearch.6"),
    FGAC: ("Opensearch.7",),
    TLS: ("ES.8", "Opensearch.8"),
    MASTERS: ("ES.7",),
}
LATEST = "Policy-Min-TLS-1-2-PFS-2023-10"


def domain(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "domain_name": name,
        "arn": f"arn:aws:es:{EAST}:{A}:domain/{name}",
        **fields,
    }


def inventory(*rows: dict) -> Inventory:
    return Inventory({"opensearch.domains": TABLES["opensearch.domains"].frame(rows)})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": control}
        assert CHECKS[check].remediation_cli.startswith("aws opensearch ")
        assert "{region}" in CHECKS[check].remediation_cli


def test_encryption_at_rest_names_the_key() -> None:
    key = f"arn:aws:kms:{EAST}:{A}:key/1"
    inv = inventory(
        domain("kms", encryption_at_rest_enabled=True, kms_key_id=key),
        domain("plain", encryption_at_rest_enabled=False),
        domain("unknown"),
    )
    assert results(inv, REST) == {
        "kms": ("PASS", f"encrypted at rest with {key}"),
        "plain": ("FAIL", "not encrypted at rest"),
        "unknown": ("FAIL", "not encrypted at rest"),
    }


def test_public_endpoints_fail_vpc_domains_pass() -> None:
    inv = inventory(domain("private", in_vpc=True), domain("public", in_vpc=False))
    result = results(inv, VPC)
    assert result["private"][0] == "PASS"
    assert result["public"][0] == "FAIL"
    assert result["public"][1].startswith("public endpoint")
    found = toolkit.run_checks(inv, checks=VPC)
    arns = dict(zip(found["resource_id"], found["resource_arn"], strict=True))
    assert arns["public"] == f"arn:aws:es:{EAST}:{A}:domain/public"


def test_node_to_node_encryption() -> None:
    inv = inventory(
        domain("on", node_to_node_encryption_enabled=True),
        domain("off", node_to_node_encryption_enabled=False),
    )
    assert results(inv, NODES) == {
        "on": ("PASS", "node-to-node encryption enabled"),
        "off": ("FAIL", "node-to-node encryption disabled"),
    }


def test_error_and_audit_logs_are_judged_separately() -> None:
    group = f"arn:aws:logs:{EAST}:{A}:log-group:errors"
    inv = inventory(
        domain("errors-only", error_logs_enabled=True, error_log_group_arn=group),
        domain("none", error_logs_enabled=False, audit_logs_enabled=False),
    )
    errors = results(inv, ERRORS)
    assert errors["errors-only"] == ("PASS", f"error logs published to {group}")
    assert errors["none"] == ("FAIL", "error logs not published to CloudWatch Logs")
    audit = results(inv, AUDIT)
    assert audit["errors-only"] == ("FAIL", "audit logs not published to CloudWatch Logs")
    assert audit["none"][0] == "FAIL"


def test_three_data_nodes_and_zone_awareness_are_both_needed() -> None:
    inv = inventory(
        domain("ha", instance_count=3, zone_awareness_enabled=True),
        domain("two", instance_count=2, zone_awareness_enabled=True),
        domain("one-zone", instance_count=6, zone_awareness_enabled=False),
    )
    assert results(inv, DATA_NODES) == {
        "ha": ("PASS", "3 data node(s), zone awareness enabled"),
        "two": ("FAIL", "2 data node(s), zone awareness enabled"),
        "one-zone": ("FAIL", "6 data node(s), zone awareness disabled"),
    }


def test_fine_grained_access_control() -> None:
    inv = inventory(
        domain("fgac", fine_grained_access_control_enabled=True),
        domain("open", fine_grained_access_control_enabled=False),
    )
    result = results(inv, FGAC)
    assert result["fgac"][0] == "PASS"
    assert result["open"] == ("FAIL", "fine-grained access control disabled")


def test_tls_needs_https_and_the_latest_policy() -> None:
    inv = inventory(
        domain("latest", enforce_https=True, tls_security_policy=LATEST),
        domain("tls12", enforce_https=True, tls_security_policy="Policy-Min-TLS-1-2-2019-07"),
        domain("http", enforce_https=False, tls_security_policy=LATEST),
    )
    result = results(inv, TLS)
    assert result["latest"] == ("PASS", f"HTTPS enforced, TLS policy {LATEST}")
    assert result["tls12"] == (
        "FAIL",
        f"HTTPS enforced, TLS policy Policy-Min-TLS-1-2-2019-07, not {LATEST}",
    )
    assert result["http"] == ("FAIL", f"HTTPS not enforced, TLS policy {LATEST}")


def test_no_domains_no_findings() -> None:
    inv = Inventory({"opensearch.domains": TABLES["opensearch.domains"].empty()})
    for check in CONTROLS:
        assert toolkit.run_checks(inv, checks=check).empty


def test_three_dedicated_master_nodes_are_needed() -> None:
    inv = inventory(
        domain("three", dedicated_master_enabled=True, dedicated_master_count=3),
        domain("five", dedicated_master_enabled=True, dedicated_master_count=5),
        domain("two", dedicated_master_enabled=True, dedicated_master_count=2),
        domain("none", dedicated_master_enabled=False),
        domain("unknown"),
    )
    assert results(inv, MASTERS) == {
        "three": ("PASS", "3 dedicated master node(s)"),
        "five": ("PASS", "5 dedicated master node(s)"),
        "two": ("FAIL", "2 dedicated master node(s)"),
        "none": ("FAIL", "no dedicated master nodes"),
        "unknown": ("FAIL", "no dedicated master nodes"),
    }
