from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, named, stages, update_stage_cli

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="API Gateway REST API stage caches responses unencrypted",
    severity="medium",
    service="apigateway",
    resource_type=STAGE,
    tables=["apigateway.rest_api_stages"],
    description="A method of a REST API stage has caching on and its cache data not encrypted "
    "at rest, as FSBP APIGateway.5 fails it (no parameters). Stages that cache nothing are not "
    "judged.",
    risk="Cached responses (customer records, tokens) sit in the cache cluster in clear text.",
    remediation="Turn on cache data encryption for every method that caches.",
    remediation_cli=update_stage_cli("op=replace,path=/*/*/caching/dataEncrypted,value=true"),
)
def apigateway_rest_stage_cache_unencrypted(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigateway.rest_api_stages"]
    cached = [
        json.loads(text) if isinstance(text, str) else {} for text in frame["cache_encryption"]
    ]
    caches = pd.Series([bool(c) for c in cached], index=frame.index, dtype=bool)
    clear = pd.Series(
        [", ".join(sorted(p for p, encrypted in c.items() if not encrypted)) for c in cached],
        index=frame.index,
        dtype="string",
    )
    frame, clear = frame[caches], clear[caches]
    failed = clear != ""
    who = named(frame)
    detail = (who + ": cache data encrypted").where(
        ~failed, who + ": cache data not encrypted for " + clear
    )
    return stages(frame, failed, detail)
