from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ARN_OF_NAME, LOAD_BALANCER, attribute_check

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Load balancer has no deletion protection",
    severity="medium",
    service="elbv2",
    resource_type=LOAD_BALANCER,
    tables=["elbv2.load_balancers"],
    description="An Application, Network or Gateway Load Balancer does not have deletion "
    "protection enabled (attribute deletion_protection.enabled), as FSBP ELB.6 asks of all "
    "three types. AWS creates every load balancer without it.",
    risk="One delete-load-balancer call, mistaken or malicious, takes the entry point of the "
    "application offline, with its listeners, rules and DNS name.",
    remediation="Turn on deletion protection in the load balancer's attributes.",
    remediation_cli="aws elbv2 modify-load-balancer-attributes --region {region} "
    f"--load-balancer-arn {ARN_OF_NAME} --attributes Key=deletion_protection.enabled,Value=true",
)
def elbv2_load_balancer_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    return attribute_check(
        inv,
        ("application", "network", "gateway"),
        "deletion_protection",
        "deletion protection on",
        "deletion protection off: one API call deletes it",
    )
