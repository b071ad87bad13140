from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, either, flag, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="OpenSearch domain is not in a VPC",
    severity="critical",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="The domain has a public endpoint instead of being in a VPC, as FSBP "
    "Opensearch.2 evaluates it (AWS Config rule opensearch-in-vpc-only; it has no parameters; "
    "it does not evaluate the VPC's routing).",
    risk="The endpoint is on the internet: only its access policy (and fine-grained access "
    "control, if on) stands between anyone and the data; security groups and network ACLs "
    "cannot limit who connects.",
    remediation="Create the domain in private subnets of a VPC and move the data with a "
    "snapshot (a domain cannot move between public and VPC access).",
    remediation_cli="aws opensearch create-domain --region {region} --domain-name "
    "NEW_DOMAIN --vpc-options SubnetIds=SUBNET_ID,SecurityGroupIds=SECURITY_GROUP_ID",
)
def opensearch_domain_not_in_vpc(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    in_vpc = flag(d, "in_vpc")
    detail = either(
        d,
        in_vpc,
        "in a VPC: reachable only through its subnets",
        "public endpoint: reachable from the internet, guarded only by its access policy",
    )
    return opensearch_domains(d, ~in_vpc, detail)
