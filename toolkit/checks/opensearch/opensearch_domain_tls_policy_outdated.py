from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The latest TLS security policy, the one FSBP Opensearch.8 accepts (TLS 1.2 and later with
#: perfect forward secrecy ciphers only).
LATEST_TLS_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10"


@check(
    title="OpenSearch domain does not enforce HTTPS with the latest TLS security policy",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="The domain's endpoint does not enforce HTTPS, or its TLS security policy is "
    f"not {LATEST_TLS_POLICY}, as FSBP Opensearch.8 evaluates it (AWS Config rule "
    f"opensearch-https-required with tlsPolicies = {LATEST_TLS_POLICY}).",
    risk="Clients may connect over plain HTTP or TLS 1.0 and 1.1, or without forward secrecy: "
    "credentials and data in transit can be read or changed by whoever sits on the path.",
    remediation=f"Enforce HTTPS and set the TLS security policy to {LATEST_TLS_POLICY} after "
    "checking that clients support TLS 1.2 with forward secrecy.",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --domain-endpoint-options "
    f"EnforceHTTPS=true,TLSSecurityPolicy={LATEST_TLS_POLICY}",
)
def opensearch_domain_tls_policy_outdated(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    https = flag(d, "enforce_https")
    policy = d["tls_security_policy"].astype("string")
    latest = (policy == LATEST_TLS_POLICY).fillna(False).astype(bool)
    named = ("TLS policy " + policy).fillna("TLS policy not reported")
    detail = pd.Series(
        ("HTTPS enforced, " + named).where(https, "HTTPS not enforced, " + named), index=d.index
    )
    detail = detail.where(latest | ~https, detail + f", not {LATEST_TLS_POLICY}")
    return opensearch_domains(d, ~(https & latest), detail)
