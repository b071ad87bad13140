"""Amazon Inspector: the scan types each account activates per region.

An ``inspector_scans`` entry calls Enable for the account itself with its ``resource_types``
(EC2, ECR, LAMBDA, LAMBDA_CODE); ``inspector_not_enabled`` names regions left without Inspector,
to plant what fails there: nothing is made for them. Every result of the Inspector checks is
``arn:aws:inspector2:<region>:<account>:account`` (an account's status has no ARN).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SCANS = {"region": str, "resource_types": [str], "planted": PLANTED}
NOT_ENABLED = {"regions": [str], "planted": PLANTED}
ACCOUNT_SCHEMA = {"inspector_scans": [SCANS], "inspector_not_enabled": NOT_ENABLED}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"inspector_scans": "region"}


@dataclass
class InspectorTruth:
    #: Rows: ``account_id``, ``region``, ``resource_types`` (sorted) activated there.
    inspector_scans: list[dict[str, Any]] = field(default_factory=list)


def account_arn(account_id: str, region: str) -> str:
    return f"arn:aws:inspector2:{region}:{account_id}:account"


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Enable per entry (one call each); plant the regions left without Inspector."""
    for entry in spec.get("inspector_scans", []):
        region = entry.get("region", seeder.regions[0])
        types = sorted(entry.get("resource_types", ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]))
        inspector = seeder.client(session, "inspector2", region)
        inspector.enable(accountIds=[account_id], resourceTypes=types)
        seeder.truth.inspector_scans.append(
            {"account_id": account_id, "region": region, "resource_types": types}
        )
        seeder.plant(
            entry.get("planted"), account_id, region, account_arn(account_id, region), "inspector"
        )
    gaps = spec.get("inspector_not_enabled", {})
    for region in gaps.get("regions", []):
        seeder.plant(
            gaps.get("planted"), account_id, region, account_arn(account_id, region), "inspector"
        )
