from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STREAM, kinesis_streams

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Kinesis stream is not encrypted at rest",
    severity="medium",
    service="kinesis",
    resource_type=STREAM,
    tables=["kinesis.streams"],
    description="The data stream has no server-side encryption (encryption type NONE), as FSBP "
    "Kinesis.1 evaluates it (AWS Config rule kinesis-stream-encrypted; no parameters). A KMS "
    "key, AWS managed (alias/aws/kinesis) or customer managed, passes.",
    risk="Records wait in the stream's storage in the clear for the whole retention period; "
    "data-at-rest requirements are not met and no key policy stands between the records and "
    "whoever reaches the storage.",
    remediation="Turn on server-side encryption with the AWS managed key alias/aws/kinesis, or "
    "a customer managed key when who may decrypt must be controlled by a key policy.",
    remediation_cli="aws kinesis start-stream-encryption --region {region} --stream-name "
    "{resource_id} --encryption-type KMS --key-id alias/aws/kinesis",
)
def kinesis_stream_unencrypted(inv: Inventory) -> pd.DataFrame:
    s = inv["kinesis.streams"]
    kind = s["encryption_type"].astype("string").fillna("NONE")
    encrypted = kind == "KMS"
    detail = pd.Series("not encrypted at rest (encryption type NONE)", index=s.index).where(
        ~encrypted, "encrypted at rest with KMS key " + s["key_id"].astype("string").fillna("?")
    )
    return kinesis_streams(s, ~encrypted, detail)
