"""AWS KMS: customer managed keys with their aliases and rotation.

Seeded before CloudTrail, whose trails name a key by its alias (``key_arns``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .references import resolve
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

KMS_KEY = {
    "alias": str,
    "region": str,
    "description": str,
    "rotation": bool,
    #: The key policy ({account:KEY} names an account); AWS's default policy when absent.
    "policy": dict,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"kms_keys": [KMS_KEY]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"kms_keys": "key_id"}


@dataclass
class KmsTruth:
    kms_keys: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's keys, each with its alias, rotation on where asked."""
    made = key_arns(seeder, account_id)
    for key in spec.get("kms_keys", []):
        region = key.get("region", seeder.regions[0])
        kms = seeder.client(session, "kms", region)
        policy = {"Policy": json.dumps(resolve(seeder, key["policy"]))} if "policy" in key else {}
        meta = kms.create_key(Description=key.get("description", key["alias"]), **policy)[
            "KeyMetadata"
        ]
        kms.create_alias(AliasName=f"alias/{key['alias']}", TargetKeyId=meta["KeyId"])
        if key.get("rotation"):
            kms.enable_key_rotation(KeyId=meta["KeyId"])
        made[key["alias"]] = meta["Arn"]
        seeder.truth.kms_keys.append(
            {
                "account_id": account_id,
                "region": region,
                "key_id": meta["KeyId"],
                "arn": meta["Arn"],
                "alias": f"alias/{key['alias']}",
                "rotation": bool(key.get("rotation")),
            }
        )
        seeder.plant(key.get("planted"), account_id, region, meta["KeyId"], "kms_key")


def key_arns(seeder: Seeder, account_id: str) -> dict[str, str]:
    """alias (without ``alias/``) -> ARN of the keys seeded in the account."""
    return seeder.memo("kms.key_arns").setdefault(account_id, {})
