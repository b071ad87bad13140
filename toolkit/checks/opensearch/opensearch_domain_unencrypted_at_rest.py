from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="OpenSearch domain is not encrypted at rest",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="Encryption at rest is not enabled for the domain, as FSBP Opensearch.1 "
    "evaluates it (AWS Config rule opensearch-encrypted-at-rest; it has no parameters).",
    risk="Its indexes, swap files, automated snapshots and logs are stored unencrypted: "
    "whoever gets the storage or a snapshot reads the data, and no KMS key policy stands in "
    "the way.",
    remediation="Turn on encryption at rest with a KMS key (domains made before the feature "
    "need a new domain and a snapshot migration).",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --encryption-at-rest-options Enabled=true,KmsKeyId=KMS_KEY_ARN",
)
def opensearch_domain_unencrypted_at_rest(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    encrypted = flag(d, "encryption_at_rest_enabled")
    key = d["kms_key_id"].astype("string")
    detail = pd.Series(
        ("encrypted at rest with " + key)
        .fillna("encrypted at rest")
        .where(encrypted, "not encrypted at rest"),
        index=d.index,
    )
    return opensearch_domains(d, ~encrypted, detail)
