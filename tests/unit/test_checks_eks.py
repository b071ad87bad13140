"""EKS checks on small inventories built by hand: exactly which clusters FAIL and PASS, why, and
the FSBP controls they answer."""

from __future__ import annotations

from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.checks.eks._shared import OLDEST_VERSION_SUPPORTED, version_key
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
PUBLIC = "eks_cluster_endpoint_public"
VERSION = "eks_cluster_version_unsupported"
SECRETS = "eks_cluster_secrets_unencrypted"
AUDIT = "eks_cluster_audit_logging_disabled"


def cluster(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "cluster_name": name,
        "arn": f"arn:aws:eks:{EAST}:{A}:cluster/{name}",
        "status": "ACTIVE",
        **fields,
    }


def inventory(*rows: dict) -> Inventory:
    return Inventory({"eks.clusters": TABLES["eks.clusters"].frame(rows)})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    expected = {PUBLIC: "EKS.1", VERSION: "EKS.2", SECRETS: "EKS.3", AUDIT: "EKS.8"}
    for check, control in expected.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
        assert CHECKS[check].remediation_cli.startswith("aws eks ")
        assert "{resource_id}" in CHECKS[check].remediation_cli
    assert OLDEST_VERSION_SUPPORTED in CHECKS[VERSION].description


def test_public_endpoint_fails_whatever_its_cidrs() -> None:
    inv = inventory(
        cluster("private", endpoint_public_access=False, public_access_cidrs='["0.0.0.0/0"]'),
        cluster("office", endpoint_public_access=True, public_access_cidrs='["203.0.113.0/24"]'),
        cluster("world", endpoint_public_access=True, public_access_cidrs='["0.0.0.0/0"]'),
        cluster("unknown"),
        cluster("leaving", status="DELETING", endpoint_public_access=True),
    )
    result = results(inv, PUBLIC)
    assert {k: v[0] for k, v in result.items()} == {
        "private": "PASS",
        "office": "FAIL",
        "world": "FAIL",
        "unknown": "FAIL",
    }
    assert result["office"][1] == 'public endpoint, open to ["203.0.113.0/24"]'
    assert result["private"][1].startswith("public endpoint off")


def test_version_compares_numbers_not_text() -> None:
    assert version_key("1.9") < version_key("1.29") < version_key("1.100")
    assert version_key("latest") is None
    major, minor = version_key(OLDEST_VERSION_SUPPORTED)
    inv = inventory(
        cluster("current", version=OLDEST_VERSION_SUPPORTED),
        cluster("newer", version=f"{major}.{minor + 1}"),
        cluster("old", version=f"{major}.{minor - 1}"),
        cluster("ancient", version="1.9"),
        cluster("unknown"),
    )
    result = results(inv, VERSION)
    assert {k: v[0] for k, v in result.items()} == {
        "current": "PASS",
        "newer": "PASS",
        "old": "FAIL",
        "ancient": "FAIL",
        "unknown": "FAIL",
    }
    assert result["ancient"][1] == f"Kubernetes 1.9, older than {OLDEST_VERSION_SUPPORTED}"


def test_secrets_encryption_needs_a_key() -> None:
    key = f"arn:aws:kms:{EAST}:{A}:key/1234"
    inv = inventory(
        cluster("sealed", secrets_encrypted=True, secrets_kms_key_arn=key),
        cluster("plain", secrets_encrypted=False),
    )
    result = results(inv, SECRETS)
    assert result["sealed"] == ("PASS", f"secrets envelope-encrypted with {key}")
    assert result["plain"] == ("FAIL", "no KMS envelope encryption of Kubernetes secrets")


def test_audit_logging_needs_the_audit_type() -> None:
    inv = inventory(
        cluster("audited", enabled_log_types='["api", "audit"]'),
        cluster("api-only", enabled_log_types='["api", "authenticator"]'),
        cluster("silent", enabled_log_types="[]"),
        cluster("unknown"),
    )
    result = results(inv, AUDIT)
    assert result["audited"] == ("PASS", "audit log on (log types: api, audit)")
    assert result["api-only"] == ("FAIL", "audit log off (log types: api, authenticator)")
    assert result["silent"] == ("FAIL", "audit log off (log types: none)")
    assert result["unknown"][0] == "FAIL"


def test_no_clusters_no_findings() -> None:
    inv = Inventory({"eks.clusters": TABLES["eks.clusters"].empty()})
    for check in (PUBLIC, VERSION, SECRETS, AUDIT):
        assert toolkit.run_checks(inv, checks=check).empty
