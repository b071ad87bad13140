"""What the Security Hub and GuardDuty checks share: ARNs built per (account, region), and
whether a member account is covered by the organization's delegated administrator for a
service (the service on in the delegate's own account, same region)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ...inventory import Inventory

DELEGATIONS = "organizations.delegated_administrators"
ACCOUNT = "AWS::::Account"


def regional_arn(frame: pd.DataFrame, service: str, resource: str) -> pd.Series:
    """``arn:<partition>:<service>:<region>:<account>:<resource>`` for every row."""
    partition = pd.Series("aws", index=frame.index, dtype="string")
    region = frame["region"].astype("string")
    partition = partition.mask(region.str.startswith("cn-").fillna(False), "aws-cn")
    partition = partition.mask(region.str.startswith("us-gov-").fillna(False), "aws-us-gov")
    return (
        "arn:" + partition + f":{service}:" + region + ":" + frame["account_id"].astype("string")
        + ":" + resource
    )  # fmt: skip


def delegated_cover(
    inv: Inventory, frame: pd.DataFrame, on: pd.Series, principal: str
) -> pd.Series:
    """For each (account, region) row of ``frame``: the delegated administrator for
    ``principal`` that covers it, as ``<id> (<name>)``, or NA. A row is covered when its account
    is a member (not the management account) of an organization whose delegated administrator
    for the service has it ``on`` in the same region; NA everywhere when the delegations were
    not collected."""
    none = pd.Series(pd.NA, index=frame.index, dtype="string")
    if DELEGATIONS not in inv.tables:
        return none
    d = inv[DELEGATIONS]
    d = d[(d["service_principal"] == principal).fillna(False)]
    live = frame.loc[on.fillna(False).astype(bool), ["account_id", "region"]]
    delegates = d[["account_id", "delegate_account_id", "delegate_name"]].rename(
        columns={"account_id": "management_id"}
    )
    delegates = delegates.merge(
        live.rename(columns={"account_id": "delegate_account_id"}), on="delegate_account_id"
    )
    if delegates.empty:
        return none
    rows = frame[["account_id", "region"]].rename_axis("row").reset_index()
    pairs = rows.merge(delegates, on="region")
    member = (pairs["account_id"] != pairs["management_id"]) & (
        pairs["account_id"] != pairs["delegate_account_id"]
    )
    pairs = pairs[member.fillna(False).astype(bool)]
    if "organizations.accounts" in inv.tables:
        accounts = inv["organizations.accounts"]
        members = accounts[~accounts["is_management"].fillna(False).astype(bool)]
        member_of = members[["account_id", "id"]].rename(
            columns={"account_id": "management_id", "id": "account_id"}
        )
        pairs = pairs.merge(member_of, on=["management_id", "account_id"])
    name = pairs["delegate_name"].astype("string")
    label = pairs["delegate_account_id"].astype("string") + (" (" + name + ")").fillna("")
    first = label.groupby(pairs["row"].to_numpy()).first()
    return first.reindex(frame.index).astype("string")


def uncovered(inv: Inventory, service: str) -> str:
    """Why a member account without the service is not covered, for a FAIL's detail."""
    if DELEGATIONS not in inv.tables or len(inv.gaps([DELEGATIONS])):
        return (
            f" ({DELEGATIONS} was not read, so a delegated administrator running {service} "
            "for this account could not be seen)"
        )
    return f" and no delegated administrator runs {service} there for this account"
