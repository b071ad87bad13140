"""Account names, read one way for every diagram, dashboard and report that labels an account.

The organization's ``organizations.accounts`` table maps ids to names. It was read in four
places, each with its own rule for gaps; here a row without an id or a name is skipped, and an
id listed twice keeps its first name. An inventory without the table has no names: every
caller then shows bare ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

ACCOUNTS_TABLE = "organizations.accounts"


def account_names(inventory: Mapping[str, Any]) -> dict[str, str]:
    """``{account id: name}`` of the organization's accounts ({} when it was not collected)."""
    accounts = inventory.get(ACCOUNTS_TABLE)
    if accounts is None or not {"id", "name"} <= set(accounts.columns):
        return {}
    names: dict[str, str] = {}
    for ident, name in zip(accounts["id"], accounts["name"], strict=True):
        if pd.notna(ident) and isinstance(name, str) and name:
            names.setdefault(str(ident), name)
    return names


def account_label(account_id: str, names: Mapping[str, str]) -> str:
    """``Name (id)``, or the id alone when the account has no name: how titles name it."""
    name = names.get(account_id)
    return f"{name} ({account_id})" if name else account_id


def account_choice(account_id: str, names: Mapping[str, str]) -> str:
    """``id (Name)``, or the id alone: how an error lists the accounts to choose from."""
    name = names.get(account_id)
    return f"{account_id} ({name})" if name else account_id


def find_account(wanted: str, known: Iterable[str], names: Mapping[str, str]) -> str | None:
    """The id ``wanted`` stands for: itself if it is a ``known`` id, else the one account with
    that name; None when there is none, or when several accounts share the name."""
    if wanted in set(known):
        return wanted
    matches = [ident for ident, name in names.items() if name == wanted]
    return matches[0] if len(matches) == 1 else None
