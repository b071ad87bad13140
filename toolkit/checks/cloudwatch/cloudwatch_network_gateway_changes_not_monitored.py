from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._benchmark import BENCHMARKS
from ._shared import ACCOUNT, CHAIN_TABLES, check_monitoring

if TYPE_CHECKING:
    from ...inventory import Inventory

CONTROL = "4.12"


@check(
    title="Network gateway changes are not monitored",
    severity="medium",
    service="cloudwatch",
    resource_type=ACCOUNT,
    tables=list(CHAIN_TABLES),
    description=BENCHMARKS[CONTROL].description,
    risk="A new path into or out of a VPC goes unnoticed.",
    remediation=BENCHMARKS[CONTROL].remediation,
    remediation_cli=BENCHMARKS[CONTROL].cli,
)
def cloudwatch_network_gateway_changes_not_monitored(inv: Inventory) -> pd.DataFrame:
    return check_monitoring(inv, CONTROL)
