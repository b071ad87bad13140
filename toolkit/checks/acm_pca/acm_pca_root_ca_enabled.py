"""FSBP PCA.1: AWS Private CA root certificate authorities disabled, one result per root CA."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

TABLE = "acm_pca.certificate_authorities"


@check(
    title="AWS Private CA root certificate authority is not disabled",
    severity="low",
    service="acm_pca",
    resource_type="AWS::ACMPCA::CertificateAuthority",
    tables=[TABLE],
    description="FAIL when a root CA's status is not DISABLED (AWS Config's "
    "acm-pca-root-ca-disabled, with no CA exempted: Security Hub passes no exemptedCAArns); "
    "PASS when it is DISABLED. Subordinate CAs are not evaluated. One result per root CA.",
    risk="A root CA left enabled can sign certificates every system of the hierarchy trusts: "
    "its use should be limited to issuing subordinate CAs' certificates, and it kept disabled "
    "between those.",
    remediation="Issue end-entity certificates from subordinate CAs and disable the root CA "
    "until it must sign a subordinate CA's certificate again.",
    remediation_cli="aws acm-pca update-certificate-authority --region {region} "
    "--certificate-authority-arn {resource_id} --status DISABLED",
)
def acm_pca_root_ca_enabled(inv: Inventory) -> pd.DataFrame:
    cas = inv[TABLE]
    roots = cas[(cas["ca_type"] == "ROOT").fillna(False).astype(bool)]
    disabled = (roots["status"] == "DISABLED").fillna(False).astype(bool)
    name = roots["common_name"].astype("string").fillna("(no common name)")
    detail = "root CA " + name + " is " + roots["status"].astype("string").fillna("unknown")
    return evaluate(roots, ~disabled, roots["arn"], detail, roots["arn"])
