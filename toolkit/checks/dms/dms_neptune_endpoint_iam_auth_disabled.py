from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ENDPOINT, dms_endpoints, endpoints_of, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DMS endpoint for Neptune has IAM authorization disabled",
    severity="medium",
    service="dms",
    resource_type=ENDPOINT,
    tables=["dms.endpoints"],
    description="The Neptune endpoint's IAM authorization is off (IamAuthEnabled false), as "
    "FSBP DMS.10 evaluates it (AWS Config rule dms-neptune-iam-authorization-enabled; no "
    "parameters). Endpoints of other engines are not judged.",
    risk="Without IAM authorization, what DMS may do in the graph database is not bounded by "
    "the service access role's policy.",
    remediation="Turn on IAM authorization in the endpoint's Neptune settings, with a service "
    "access role allowed to write to the cluster.",
    remediation_cli="aws dms modify-endpoint --region {region} --endpoint-arn {resource_arn} "
    "--neptune-settings IamAuthEnabled=true",
)
def dms_neptune_endpoint_iam_auth_disabled(inv: Inventory) -> pd.DataFrame:
    e = endpoints_of(inv["dms.endpoints"], ("neptune",))
    iam = flag(e, "neptune_iam_auth_enabled")
    detail = pd.Series("IAM authorization on", index=e.index).where(iam, "IAM authorization off")
    return dms_endpoints(e, ~iam, detail)
