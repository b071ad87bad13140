from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._benchmark import BENCHMARKS
from ._shared import ACCOUNT, CHAIN_TABLES, check_monitoring

if TYPE_CHECKING:
    from ...inventory import Inventory

CONTROL = "4.13"


@check(
    title="Route table changes are not monitored",
    severity="medium",
    service="cloudwatch",
    resource_type=ACCOUNT,
    tables=list(CHAIN_TABLES),
    description=BENCHMARKS[CONTROL].description,
    risk="Traffic rerouted around inspection points or out of the VPC goes unnoticed.",
    remediation=BENCHMARKS[CONTROL].remediation,
    remediation_cli=BENCHMARKS[CONTROL].cli,
)
def cloudwatch_route_table_changes_not_monitored(inv: Inventory) -> pd.DataFrame:
    return check_monitoring(inv, CONTROL)
