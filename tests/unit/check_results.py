"""What the unit tests of checks ask of one check on a hand-built inventory: each resource's
status and detail."""

from __future__ import annotations

import toolkit
from toolkit.inventory import Inventory


def results(inv: Inventory, check: str) -> dict[str, tuple[str, str]]:
    """resource_id -> (status, detail) of ``check`` run alone on ``inv``."""
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))
