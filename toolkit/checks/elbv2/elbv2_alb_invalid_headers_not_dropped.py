from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ARN_OF_NAME, LOAD_BALANCER, attribute_check

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Application Load Balancer does not drop invalid HTTP headers",
    severity="medium",
    service="elbv2",
    resource_type=LOAD_BALANCER,
    tables=["elbv2.load_balancers"],
    description="An Application Load Balancer passes HTTP headers whose names are not valid "
    "(not [-A-Za-z0-9]+) to its targets: routing.http.drop_invalid_header_fields.enabled is "
    "false, AWS's default. FSBP ELB.4 fails it.",
    risk="Malformed headers reach the application, where they can smuggle requests past the "
    "load balancer (HTTP desync) or exploit header parsing bugs in the targets.",
    remediation="Set the load balancer attribute that drops invalid header fields.",
    remediation_cli="aws elbv2 modify-load-balancer-attributes --region {region} "
    f"--load-balancer-arn {ARN_OF_NAME} --attributes "
    "Key=routing.http.drop_invalid_header_fields.enabled,Value=true",
)
def elbv2_alb_invalid_headers_not_dropped(inv: Inventory) -> pd.DataFrame:
    return attribute_check(
        inv,
        ("application",),
        "drop_invalid_header_fields",
        "drops HTTP headers with invalid names",
        "passes HTTP headers with invalid names to its targets",
    )
