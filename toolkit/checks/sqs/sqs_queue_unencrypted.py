from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import QUEUE, QUEUE_URL, sqs_queues

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="SQS queue is not encrypted at rest",
    severity="medium",
    service="sqs",
    resource_type=QUEUE,
    tables=["sqs.queues"],
    description="The queue has neither SSE-SQS (keys SQS owns) nor SSE-KMS (a KMS key) "
    "encryption at rest, as FSBP SQS.1 evaluates it (no parameters).",
    risk="Messages wait on SQS's disks in the clear; data-at-rest requirements are not met and "
    "no key policy stands between the stored messages and whoever reaches them.",
    remediation="Turn on SSE-SQS for the queue, or SSE-KMS with a customer managed key when "
    "who may decrypt must be controlled by a key policy.",
    remediation_cli="aws sqs set-queue-attributes --region {region} --queue-url "
    f"{QUEUE_URL} --attributes SqsManagedSseEnabled=true",
)
def sqs_queue_unencrypted(inv: Inventory) -> pd.DataFrame:
    q = inv["sqs.queues"]
    key = q["kms_master_key_id"].astype("string")
    with_kms = key.notna() & (key != "")
    with_sqs = q["sqs_managed_sse_enabled"].astype("boolean").fillna(False).astype(bool)
    detail = (
        pd.Series("not encrypted at rest (neither SSE-SQS nor SSE-KMS)", index=q.index)
        .where(~with_sqs, "encrypted at rest with SSE-SQS")
        .where(~with_kms, "encrypted at rest with SSE-KMS, key " + key)
    )
    return sqs_queues(q, ~(with_kms | with_sqs), detail)
