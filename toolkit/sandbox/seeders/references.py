"""References to other accounts and keys inside the estate's policy documents.

Policies in an estate file (trust policies, bucket and key policies, inline policies, the
access ground truth) name accounts whose ids moto gives only at seeding. They write
``{account:KEY}`` for the id of the account the estate calls KEY, and ``{kms_key:KEY/ALIAS}``
for the ARN of the key with that alias in that account (seeded by then). ``resolve`` replaces
them in every string of a JSON-like value; anything else is left as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..seed import Seeder

REFERENCE = re.compile(r"\{(account|kms_key):([^{}/]+)(?:/([^{}]+))?\}")


def resolve(seeder: Seeder, value: Any) -> Any:
    """``value`` with every ``{account:KEY}`` and ``{kms_key:KEY/ALIAS}`` replaced."""
    if isinstance(value, str):
        return REFERENCE.sub(lambda match: _replacement(seeder, match), value)
    if isinstance(value, list):
        return [resolve(seeder, item) for item in value]
    if isinstance(value, dict):
        return {resolve(seeder, key): resolve(seeder, item) for key, item in value.items()}
    return value


def _replacement(seeder: Seeder, match: re.Match[str]) -> str:
    kind, account, alias = match.groups()
    account_id = seeder.account_ids[account]
    if kind == "account":
        return account_id
    for key in seeder.truth.kms_keys:  # the KMS seeder's truth: no import of it (a cycle)
        if (key["account_id"], key["alias"]) == (account_id, f"alias/{alias}"):
            return str(key["arn"])
    raise KeyError(f"no KMS key alias/{alias} in account {account}")
