"""Amazon Macie: the regions of an account where it is enabled (or enabled and paused).

Macie is off in AWS until EnableMacie (``macie_answers`` makes moto agree). A ``macie_sessions``
entry enables it in a region, ``status: PAUSED`` pauses it there; ``macie_not_enabled`` names
regions left without it, to plant what fails there: nothing is made for them. Every result of
the Macie check is ``arn:aws:macie2:<region>:<account>:session`` (a session has no ARN).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SESSION = {"region": str, "status": str, "frequency": str, "planted": PLANTED}
NOT_ENABLED = {"regions": [str], "planted": PLANTED}
ACCOUNT_SCHEMA = {"macie_sessions": [SESSION], "macie_not_enabled": NOT_ENABLED}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"macie_sessions": "region"}


@dataclass
class MacieTruth:
    #: Rows: ``account_id``, ``region``, ``status`` (ENABLED or PAUSED), ``frequency``.
    macie_sessions: list[dict[str, Any]] = field(default_factory=list)


def session_arn(account_id: str, region: str) -> str:
    return f"arn:aws:macie2:{region}:{account_id}:session"


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """EnableMacie per entry (one call each); plant the regions left without it."""
    for entry in spec.get("macie_sessions", []):
        region = entry.get("region", seeder.regions[0])
        status = entry.get("status", "ENABLED")
        frequency = entry.get("frequency", "FIFTEEN_MINUTES")
        macie = seeder.client(session, "macie2", region)
        macie.enable_macie(findingPublishingFrequency=frequency, status=status)
        seeder.truth.macie_sessions.append(
            {"account_id": account_id, "region": region, "status": status, "frequency": frequency}
        )
        seeder.plant(
            entry.get("planted"), account_id, region, session_arn(account_id, region), "macie"
        )
    gaps = spec.get("macie_not_enabled", {})
    for region in gaps.get("regions", []):
        seeder.plant(
            gaps.get("planted"), account_id, region, session_arn(account_id, region), "macie"
        )
