from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ENDPOINT, dms_endpoints

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Engines with no SSL mode setting of their own (DMS encrypts their connections, or they have
#: their own TLS setting, as Redis OSS has for FSBP DMS.12): not judged here.
WITHOUT_SSL_MODE = (
    "s3",
    "dynamodb",
    "kinesis",
    "kafka",
    "neptune",
    "elasticsearch",
    "opensearch",
    "redis",
)


@check(
    title="DMS endpoint does not use SSL",
    severity="medium",
    service="dms",
    resource_type=ENDPOINT,
    tables=["dms.endpoints"],
    description="The endpoint's SSL mode is none (or unset), so the replication instance "
    "connects to the database unencrypted, as FSBP DMS.9 evaluates it (AWS Config rule "
    "dms-endpoint-ssl-configured; no parameters). Engines without an SSL mode setting (S3, "
    "DynamoDB, Kinesis, Kafka, Neptune, OpenSearch, Redis OSS) are not judged.",
    risk="Rows copied between source and target cross the network in the clear, with the "
    "database credentials, readable by anyone on the path.",
    remediation="Set the endpoint's SSL mode to require, or verify-ca or verify-full with the "
    "database's CA certificate imported into DMS.",
    remediation_cli="aws dms modify-endpoint --region {region} --endpoint-arn {resource_arn} "
    "--ssl-mode require",
)
def dms_endpoint_ssl_disabled(inv: Inventory) -> pd.DataFrame:
    e = inv["dms.endpoints"]
    e = e[~e["engine_name"].astype("string").str.lower().isin(WITHOUT_SSL_MODE).fillna(False)]
    mode = e["ssl_mode"].astype("string").fillna("none")
    plain = mode == "none"
    detail = ("SSL mode " + mode).where(~plain, "SSL mode none: connects unencrypted")
    return dms_endpoints(e, plain, detail)
