from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Firehose stream is not encrypted at rest",
    severity="medium",
    service="firehose",
    resource_type="AWS::KinesisFirehose::DeliveryStream",
    tables=["firehose.delivery_streams"],
    description="The Firehose stream's server-side encryption is not ENABLED, as FSBP "
    "DataFirehose.1 evaluates it (AWS Config rule kinesis-firehose-delivery-stream-encrypted; "
    "its optional kmsKeyArns parameter has no default, so any key passes).",
    risk="Records buffered by Firehose before delivery are stored unencrypted; data-at-rest "
    "requirements are not met.",
    remediation="Start server-side encryption on the stream with an AWS owned key, or a "
    "customer managed KMS key when who may decrypt must be controlled by a key policy.",
    remediation_cli="aws firehose start-delivery-stream-encryption --region {region} "
    "--delivery-stream-name {resource_id} "
    "--delivery-stream-encryption-configuration-input KeyType=AWS_OWNED_CMK",
)
def firehose_delivery_stream_unencrypted(inv: Inventory) -> pd.DataFrame:
    d = inv["firehose.delivery_streams"]
    status = d["encryption_status"].astype("string").fillna("DISABLED")
    encrypted = status == "ENABLED"
    key = (
        d["encryption_key_arn"]
        .astype("string")
        .fillna(d["encryption_key_type"].astype("string").fillna("?"))
    )
    detail = ("server-side encryption " + status).where(~encrypted, "encrypted at rest with " + key)
    return evaluate(d, ~encrypted, d["delivery_stream_name"], detail, d["arn"])
