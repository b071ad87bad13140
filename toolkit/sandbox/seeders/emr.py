"""Amazon EMR: the block public access setting of chosen regions of an account, turned off or
with more ports permitted than AWS's default (port 22). Regions the estate does not name keep
AWS's default (on, port 22), which the sandbox answers as AWS does.

Seeded in each account's last steps; the truth records only the regions the estate changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

BLOCK_PUBLIC_ACCESS = {
    "region": str,
    "enabled": bool,
    #: Ports or ranges ("22", "8443", "8000-8100") allowed open to anywhere.
    "permitted_ports": [str],
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"emr_block_public_access": [BLOCK_PUBLIC_ACCESS]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"emr_block_public_access": "region"}


@dataclass
class EmrTruth:
    emr_block_public_access: list[dict[str, Any]] = field(default_factory=list)


def _range(text: str) -> dict[str, int]:
    low, _, high = text.partition("-")
    return {"MinRange": int(low), "MaxRange": int(high or low)}


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The regions whose setting the account changed."""
    for setting in spec.get("emr_block_public_access", []):
        region = setting.get("region", seeder.regions[0])
        ports = list(setting.get("permitted_ports", ["22"]))
        seeder.client(session, "emr", region).put_block_public_access_configuration(
            BlockPublicAccessConfiguration={
                "BlockPublicSecurityGroupRules": bool(setting.get("enabled", True)),
                "PermittedPublicSecurityGroupRuleRanges": [_range(p) for p in ports],
            }
        )
        seeder.truth.emr_block_public_access.append(
            {
                "account_id": account_id,
                "region": region,
                "enabled": bool(setting.get("enabled", True)),
                "permitted_ports": ports,
            }
        )
        seeder.plant(setting.get("planted"), account_id, region, account_id, "emr_account")
