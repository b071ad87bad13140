"""Amazon Macie's account state as AWS keeps it: off until EnableMacie.

moto starts every account and region with an ENABLED Macie session; AWS starts with none, and
GetMacieSession there answers AccessDeniedException "Macie is not enabled." (as every other
Macie operation does; AWS Config itself records that error). The sandbox marks the moto backend
object when EnableMacie succeeds (and unmarks it on DisableMacie), so a saved estate keeps the
mark, and answers GetMacieSession itself: the session moto holds where marked, the AWS error
elsewhere, its times in UTC as AWS writes them (moto's lack a zone). Registered in ``security_services.ANSWERS`` and ``AFTER``.
"""

from __future__ import annotations

import json
from typing import Any

from .protocols import RequestInfo, error_response

Answer = tuple[int, list[tuple[str, str]], bytes]
NOT_ENABLED = "Macie is not enabled."


def _backend(info: RequestInfo, account: str) -> Any:
    from moto.macie2.models import macie2_backends

    return macie2_backends[account][info.region]


def _session(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    backend = _backend(info, account)
    if not getattr(backend, "sandbox_enabled", False) or not backend.macie_session:
        return error_response(info, "AccessDeniedException", 403, NOT_ENABLED)
    document = backend.get_macie_session()
    for key in ("createdAt", "updatedAt"):  # moto's naive UTC isoformat; AWS says Z
        document[key] = backend.macie_session[key].strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return 200, [("Content-Type", "application/json")], json.dumps(document).encode()


def _mark(enabled: bool) -> Any:
    def after(info: RequestInfo, account: str, params: dict[str, Any], text: bytes) -> bytes:
        _backend(info, account).sandbox_enabled = enabled
        return text

    return after


ANSWERS = {"macie2.GetMacieSession": _session}
AFTER = {"macie2.EnableMacie": _mark(True), "macie2.DisableMacie": _mark(False)}
