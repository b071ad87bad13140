from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import FUNCTION, lambda_functions

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Deprecated Lambda runtimes and the day AWS deprecated each (no more security patches), from
#: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html. A function fails
#: lambda_function_runtime_deprecated when its runtime's date is on or before the day the
#: inventory was collected. Add runtimes here as AWS deprecates them.
DEPRECATED_RUNTIMES: dict[str, str] = {
    "nodejs": "2016-10-31",
    "nodejs4.3": "2020-03-05",
    "nodejs4.3-edge": "2020-03-05",
    "nodejs6.10": "2019-08-12",
    "nodejs8.10": "2020-03-06",
    "nodejs10.x": "2021-07-30",
    "nodejs12.x": "2023-03-31",
    "nodejs14.x": "2023-12-04",
    "nodejs16.x": "2024-06-12",
    "nodejs18.x": "2025-09-01",
    "nodejs20.x": "2026-04-30",
    "python2.7": "2021-07-15",
    "python3.6": "2022-07-18",
    "python3.7": "2023-12-04",
    "python3.8": "2024-10-14",
    "python3.9": "2025-12-15",
    "python3.10": "2026-06-30",
    "python3.11": "2026-06-30",
    "java8": "2024-01-08",
    "java8.al2": "2026-06-30",
    "java11": "2026-06-30",
    "java17": "2026-06-30",
    "dotnetcore1.0": "2019-07-27",
    "dotnetcore2.0": "2019-05-30",
    "dotnetcore2.1": "2022-01-05",
    "dotnetcore3.1": "2023-04-03",
    "dotnet5.0": "2022-05-10",
    "dotnet6": "2024-12-20",
    "dotnet7": "2024-05-14",
    "dotnet8": "2026-11-10",
    "ruby2.5": "2021-07-30",
    "ruby2.7": "2023-12-07",
    "ruby3.2": "2026-03-31",
    "go1.x": "2024-01-08",
    "provided": "2024-01-08",
    "provided.al2": "2026-06-30",
}


def _collected_on(inv: Inventory) -> pd.Timestamp:
    """The day the inventory was collected (today for an inventory built by hand)."""
    started = inv.meta.get("started")
    stamp = pd.Timestamp(started) if started else pd.Timestamp.now(tz="UTC")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.normalize()


@check(
    title="Lambda function uses a deprecated runtime",
    severity="medium",
    service="lambda",
    resource_type=FUNCTION,
    tables=["lambda.functions"],
    description="The function's runtime was deprecated by AWS on or before the day the inventory "
    "was collected (table DEPRECATED_RUNTIMES in "
    "toolkit/checks/lambda_/lambda_function_runtime_deprecated.py). Container image functions "
    "(no runtime) are not evaluated.",
    risk="Deprecated runtimes get no security patches; AWS then blocks creating and updating "
    "functions that use them, so a fix cannot be deployed in a hurry.",
    remediation="Move the function to a supported runtime of its language and test it.",
    remediation_cli="aws lambda update-function-configuration --region {region} --function-name "
    "{resource_id} --runtime SUPPORTED_RUNTIME",
)
def lambda_function_runtime_deprecated(inv: Inventory) -> pd.DataFrame:
    f = inv["lambda.functions"]
    f = f[f["runtime"].notna()]
    deprecated_on = pd.to_datetime(f["runtime"].map(DEPRECATED_RUNTIMES).astype("string"))
    deprecated = deprecated_on <= _collected_on(inv)
    detail = (
        f["runtime"]
        + deprecated.map({True: " deprecated on ", False: " not deprecated"})
        + deprecated_on.dt.strftime("%Y-%m-%d").where(deprecated, "")
    )
    return lambda_functions(f, deprecated, detail)
