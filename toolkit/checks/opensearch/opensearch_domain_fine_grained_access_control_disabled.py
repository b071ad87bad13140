from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, either, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="OpenSearch domain does not have fine-grained access control enabled",
    severity="high",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="Fine-grained access control (advanced security options) is not enabled for "
    "the domain, as FSBP Opensearch.7 evaluates it (AWS Config rule "
    "opensearch-access-control-enabled; it has no parameters).",
    risk="Whoever the domain's access policy lets in reaches every index, document and field: "
    "no roles limit what each user or application can read or change.",
    remediation="Turn on fine-grained access control with an IAM role as master user, and map "
    "users and applications to roles with the least access they need.",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --advanced-security-options "
    "Enabled=true,MasterUserOptions={{MasterUserARN=ROLE_ARN}}",
)
def opensearch_domain_fine_grained_access_control_disabled(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    on = flag(d, "fine_grained_access_control_enabled")
    detail = either(
        d, on, "fine-grained access control enabled", "fine-grained access control disabled"
    )
    return opensearch_domains(d, ~on, detail)
