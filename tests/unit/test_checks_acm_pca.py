"""The Private CA check (FSBP PCA.1) on certificate authorities built by hand: root CAs pass
only when DISABLED; subordinate CAs are not evaluated."""

from __future__ import annotations

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
CHECK = "acm_pca_root_ca_enabled"


@pytest.fixture(scope="module", autouse=True)
def _checks() -> None:
    load_builtin()


def arn(name: str) -> str:
    return f"arn:aws:acm-pca:us-east-1:{A}:certificate-authority/{name}"


def test_only_disabled_root_cas_pass() -> None:
    rows = [
        {"arn": arn("off"), "ca_type": "ROOT", "status": "DISABLED", "common_name": "Off Root"},
        {"arn": arn("on"), "ca_type": "ROOT", "status": "ACTIVE", "common_name": "On Root"},
        {"arn": arn("new"), "ca_type": "ROOT", "status": "PENDING_CERTIFICATE"},
        {"arn": arn("sub"), "ca_type": "SUBORDINATE", "status": "ACTIVE", "common_name": "Sub"},
    ]
    rows = [{"account_id": A, "region": "us-east-1", **row} for row in rows]
    table = TABLES["acm_pca.certificate_authorities"].frame(rows)
    found = results(Inventory({"acm_pca.certificate_authorities": table}), CHECK)
    assert found == {
        arn("off"): ("PASS", "root CA Off Root is DISABLED"),
        arn("on"): ("FAIL", "root CA On Root is ACTIVE"),
        arn("new"): ("FAIL", "root CA (no common name) is PENDING_CERTIFICATE"),
    }


def test_answers_fsbp_pca_1() -> None:
    assert CHECKS[CHECK].frameworks == {"AWS-FSBP": ("PCA.1",)}
