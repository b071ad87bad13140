"""Amazon Inspector's BatchGetAccountStatus as AWS answers it.

moto answers only for accounts that once called Enable, and fails when ``accountIds`` is left
out; AWS answers for the caller's own account when none is named, and for an account that never
enabled Inspector with every scan type DISABLED. Answered here from moto's backend (the
statuses Enable and Disable keep). Registered in ``security_services.ANSWERS``.
"""

from __future__ import annotations

import json
from typing import Any

from .protocols import RequestInfo

Answer = tuple[int, list[tuple[str, str]], bytes]


def _account_status(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    from moto.inspector2.models import AccountStatus, inspector2_backends

    backend = inspector2_backends[account][info.region]
    accounts = [
        (backend.account_status.get(asked) or AccountStatus(asked)).to_batch_json()
        for asked in params.get("accountIds") or [account]
    ]
    document = {"accounts": accounts, "failedAccounts": []}
    return 200, [("Content-Type", "application/json")], json.dumps(document).encode()


ANSWERS = {"inspector2.BatchGetAccountStatus": _account_status}
