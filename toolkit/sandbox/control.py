"""The sandbox's own control endpoint, ``/_sandbox/<what>``: what a test or the parent asks.

``config`` (GET, or POST changes), ``counts`` (GET, or DELETE to read and reset), ``iam``
(POST: state moto's API cannot set, see ``iam_state``), ``secretsmanager`` (POST: secrets'
dates, see ``secrets_state``), ``state`` (POST ``{"path": ...}``:
save the seeded estate, see ``saved_state``) and ``health``. Called under the middleware's lock.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from . import iam_state, secrets_state


def answer(middleware: Any, method: str, what: str, body: bytes) -> Any:
    """The JSON-able answer to one control request; raises on a request it does not know."""
    if what == "config":
        if method == "POST":
            middleware.config.update(json.loads(body or b"{}"))
        return asdict(middleware.config)
    if what == "counts":
        counters = {
            "operations": middleware.counts,
            "by_account": middleware.account_counts,
            "by_region": middleware.region_counts,
            "faults": middleware.fault_counts,
        }
        counts = {name: dict(counter) for name, counter in counters.items()}
        if method == "DELETE":
            for counter in counters.values():
                counter.clear()
        return counts
    if what == "iam" and method == "POST":
        return iam_state.apply(json.loads(body))
    if what == "secretsmanager" and method == "POST":
        return secrets_state.apply(json.loads(body))
    if what == "state" and method == "POST":
        from . import saved_state

        path = json.loads(body)["path"]
        return {"path": path, "bytes": saved_state.save(path)}
    if what == "health":
        return {"ok": True}
    raise KeyError(what)
