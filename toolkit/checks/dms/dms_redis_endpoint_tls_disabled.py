from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ENDPOINT, dms_endpoints, endpoints_of

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DMS endpoint for Redis OSS does not use TLS",
    severity="medium",
    service="dms",
    resource_type=ENDPOINT,
    tables=["dms.endpoints"],
    description="The Redis OSS endpoint's SSL security protocol is plaintext, as FSBP DMS.12 "
    "evaluates it (AWS Config rule dms-redis-tls-enabled; no parameters); ssl-encryption, "
    "AWS's default when unset, passes. Endpoints of other engines are not judged.",
    risk="Data written to Redis OSS crosses the network unencrypted, with the Redis password.",
    remediation="Set the endpoint's SSL security protocol to ssl-encryption (TLS must be on in "
    "the Redis OSS cluster).",
    remediation_cli="aws dms modify-endpoint --region {region} --endpoint-arn {resource_arn} "
    "--redis-settings SslSecurityProtocol=ssl-encryption",
)
def dms_redis_endpoint_tls_disabled(inv: Inventory) -> pd.DataFrame:
    e = endpoints_of(inv["dms.endpoints"], ("redis",))
    protocol = e["redis_ssl_security_protocol"].astype("string").fillna("ssl-encryption")
    plain = protocol.str.lower() == "plaintext"
    detail = ("SSL security protocol " + protocol).where(~plain, "plaintext: no TLS")
    return dms_endpoints(e, plain, detail)
