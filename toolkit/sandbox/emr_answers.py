"""Amazon EMR's block public access setting as AWS keeps it. moto stores what
PutBlockPublicAccessConfiguration was given but answers GetBlockPublicAccessConfiguration with an
empty configuration before any put (AWS: the setting is on in every region of a new account, with
port 22 permitted) and with ``BlockPublicSecurityGroupRules`` true even after a put of false.

The put is completed after moto's answer (``AFTER``: the flag as given, kept on moto's own
backend so a saved estate keeps it) and the get is answered here (``ANSWERS``) from moto's
backend, in EMR's JSON. Its metadata is the same for every region: set by the account's root on
2019-01-01 (the sandbox does not keep who put a configuration, nor when).
"""

from __future__ import annotations

import json
from typing import Any

from .protocols import RequestInfo

Answer = tuple[int, list[tuple[str, str]], bytes]
#: What a region of an account that never changed the setting has (AWS's default since 2019).
DEFAULT = {
    "BlockPublicSecurityGroupRules": True,
    "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}],
}


def _backend(info: RequestInfo, account: str) -> Any:
    from moto.emr.models import emr_backends

    return emr_backends[account][info.region]


def put(info: RequestInfo, account: str, params: dict[str, Any], body: bytes) -> bytes:
    given = params.get("BlockPublicAccessConfiguration") or {}
    _backend(info, account).sandbox_block_public_access = {
        "BlockPublicSecurityGroupRules": bool(given.get("BlockPublicSecurityGroupRules")),
        "PermittedPublicSecurityGroupRuleRanges": list(
            given.get("PermittedPublicSecurityGroupRuleRanges") or []
        ),
    }
    return body


def get(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    held = getattr(_backend(info, account), "sandbox_block_public_access", None)
    document = {
        "BlockPublicAccessConfiguration": held or DEFAULT,
        "BlockPublicAccessConfigurationMetadata": {
            "CreationDateTime": 1546300800.0,  # 2019-01-01, when AWS turned it on by default
            "CreatedByArn": f"arn:aws:iam::{account}:root",
        },
    }
    body = json.dumps(document).encode()
    return 200, [("Content-Type", "application/x-amz-json-1.1")], body


AFTER = {"emr.PutBlockPublicAccessConfiguration": put}
ANSWERS = {"emr.GetBlockPublicAccessConfiguration": get}
