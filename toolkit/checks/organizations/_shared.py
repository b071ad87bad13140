"""What the Organizations checks share: member accounts and the service control policies in
effect on each (attached to it, to an OU above it or to the root)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ...inventory import Inventory


def organizations_members(inv: Inventory) -> pd.DataFrame:
    """Member accounts: SCPs never apply to the management account."""
    accounts = inv["organizations.accounts"]
    return accounts[~accounts["is_management"].fillna(False)]


def _chain(inv: Inventory, accounts: pd.DataFrame) -> pd.DataFrame:
    """(account, target_id): each account, every OU above it and its root: where an SCP that
    applies to the account can be attached. One merge per level of the tree, not per account."""
    ous = inv["organizations.organizational_units"].drop_duplicates("id")
    parent_of = pd.Series(ous["parent_id"].to_numpy(), index=ous["id"].to_numpy())
    level = pd.DataFrame({"account": accounts["id"], "target_id": accounts["parent_id"]})
    links = [pd.DataFrame({"account": accounts["id"], "target_id": accounts["id"]})]
    for _ in range(len(ous) + 1):  # bounded: a root has no parent, so the walk ends there
        level = level.dropna(subset=["target_id"])
        if level.empty:
            break
        links.append(level)
        level = level.assign(target_id=level["target_id"].map(parent_of))
    return pd.concat(links, ignore_index=True).drop_duplicates()


def scps_in_effect(inv: Inventory, accounts: pd.DataFrame, policy_ids: pd.Series) -> pd.Series:
    """For each account, the names of the given SCPs attached along its chain, joined with
    ', '; NA where there is none."""
    targets = inv["organizations.policy_targets"]
    attached = targets[targets["policy_id"].isin(policy_ids)]
    found = _chain(inv, accounts).merge(attached, on="target_id")
    found = found[["account", "policy_name"]].dropna().drop_duplicates()
    names = found.sort_values(["account", "policy_name"]).groupby("account")["policy_name"]
    return accounts["id"].map(names.agg(", ".join)).astype("string")
