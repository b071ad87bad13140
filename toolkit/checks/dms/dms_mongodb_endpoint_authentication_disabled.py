from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ENDPOINT, dms_endpoints, endpoints_of

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DMS endpoint for MongoDB has no authentication mechanism",
    severity="medium",
    service="dms",
    resource_type=ENDPOINT,
    tables=["dms.endpoints"],
    description="The MongoDB endpoint's authentication type is no (or unset), as FSBP DMS.11 "
    "evaluates it (AWS Config rule dms-mongo-db-authentication-enabled; no parameters); "
    "password passes. Endpoints of other engines are not judged.",
    risk="DMS connects to the MongoDB database without credentials: the database itself "
    "accepts unauthenticated connections, from DMS and from anyone else who reaches it.",
    remediation="Turn on authentication in MongoDB and set the endpoint's authentication type "
    "to password, with a user name and password (or a Secrets Manager secret).",
    remediation_cli="aws dms modify-endpoint --region {region} --endpoint-arn {resource_arn} "
    "--mongo-db-settings AuthType=password,AuthMechanism=scram_sha_1",
)
def dms_mongodb_endpoint_authentication_disabled(inv: Inventory) -> pd.DataFrame:
    e = endpoints_of(inv["dms.endpoints"], ("mongodb",))
    kind = e["mongodb_auth_type"].astype("string").fillna("no").str.lower()
    none = kind == "no"
    detail = ("authentication type " + kind).where(~none, "no authentication mechanism")
    return dms_endpoints(e, none, detail)
