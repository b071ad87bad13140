"""AWS Organizations: the organization, its OUs, its accounts and its SCPs.

Seeded first, from the management account: every other seeder works in the accounts made here
(``seeder.account_ids`` maps the estate's account keys to the ids moto gave). Its ``check`` is
the one every estate passes before anything runs: each account has a key, each key is unique,
and ``accounts:`` names only accounts of the organization.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ACCOUNT = {"key": str, "name": str, "email": str, "planted": PLANTED}
OU: dict[str, Any] = {"name": str, "accounts": [ACCOUNT], "planted": PLANTED}
OU["ous"] = [OU]
POLICY = {"name": str, "description": str, "content": dict, "targets": [str], "planted": PLANTED}
SCHEMA = {
    "organization": {
        "management": ACCOUNT,
        "ous": [OU],
        "root_accounts": [ACCOUNT],
        "policies": [POLICY],
    },
}


@dataclass
class OrganizationsTruth:
    management_account: str = ""
    organization_id: str = ""
    root_id: str = ""
    accounts: list[dict[str, Any]] = field(default_factory=list)
    organizational_units: list[dict[str, Any]] = field(default_factory=list)
    policies: list[dict[str, Any]] = field(default_factory=list)


def account_keys(data: dict[str, Any]) -> list[str]:
    """Every account's key, management first; an account without one is a KeyError."""
    org = data.get("organization", {})
    keys = [org["management"]["key"]] if "management" in org else []

    def walk(ous: list[dict[str, Any]]) -> None:
        for ou in ous:
            keys.extend(a["key"] for a in ou.get("accounts", []))
            walk(ou.get("ous", []))

    walk(org.get("ous", []))
    keys.extend(a["key"] for a in org.get("root_accounts", []))
    return keys


def check(data: dict[str, Any], source: str) -> None:
    """Account keys are given and unique, and ``accounts:`` names only those accounts."""
    try:
        keys = account_keys(data)
    except KeyError:
        raise UsageError(
            f"{source}: an account of the organization has no key; give every account a "
            "key, such as {key: prod}."
        ) from None
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise UsageError(
            f"{source}: account key {duplicates[0]!r} is used twice; keys must be unique."
        )
    for key in data.get("accounts", {}):
        if key not in keys:
            raise UsageError(
                f"{source}: accounts.{key} names no account of the organization; use one of "
                f"{', '.join(keys)}."
            )


def seed(seeder: Seeder) -> None:
    """The organization, OUs (depth first), accounts moved into them, then the SCPs."""
    truth = seeder.truth
    spec = seeder.estate.get("organization", {})
    orgs = seeder.client(seeder.management, "organizations", "us-east-1")
    identity = seeder.client(seeder.management, "sts").get_caller_identity()
    management_id = identity["Account"]
    truth.management_account = management_id
    org = orgs.create_organization(FeatureSet="ALL")["Organization"]
    truth.organization_id = org["Id"]
    root = orgs.list_roots()["Roots"][0]
    truth.root_id = root["Id"]
    if not any(
        p["Type"] == "SERVICE_CONTROL_POLICY" and p["Status"] == "ENABLED"
        for p in root.get("PolicyTypes", [])
    ):
        orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    parents = {"Root": root["Id"]}
    # The management account keeps the name and email AWS gave it at sign-up.
    actual = orgs.describe_account(AccountId=management_id)["Account"]
    management = {
        **spec.get("management", {"key": "management"}),
        "name": actual["Name"],
        "email": actual["Email"],
    }
    seeder.account_ids[management["key"]] = management_id
    _record_account(seeder, management, management_id, root["Id"], "Root", is_management=True)
    seeder.plant(management.get("planted"), management_id, "global", management_id, "account")

    def create_accounts(accounts: list[dict[str, Any]], parent_id: str, path: str) -> None:
        for account in accounts:
            status = orgs.create_account(AccountName=account["name"], Email=account["email"])[
                "CreateAccountStatus"
            ]
            account_id = status["AccountId"]
            if parent_id != root["Id"]:
                orgs.move_account(
                    AccountId=account_id,
                    SourceParentId=root["Id"],
                    DestinationParentId=parent_id,
                )
            seeder.account_ids[account["key"]] = account_id
            _record_account(seeder, account, account_id, parent_id, path)
            seeder.plant(account.get("planted"), management_id, "global", account_id, "account")

    def create_ous(ous: list[dict[str, Any]], parent_id: str, path: str, depth: int) -> None:
        for ou in ous:
            created = orgs.create_organizational_unit(ParentId=parent_id, Name=ou["name"])[
                "OrganizationalUnit"
            ]
            ou_path = f"{path}/{ou['name']}"
            parents[ou["name"]] = created["Id"]
            truth.organizational_units.append(
                {
                    "id": created["Id"],
                    "name": ou["name"],
                    "parent_id": parent_id,
                    "path": ou_path,
                    "depth": depth,
                }
            )
            seeder.plant(
                ou.get("planted"), management_id, "global", created["Id"], "organizational_unit"
            )
            create_accounts(ou.get("accounts", []), created["Id"], ou_path)
            create_ous(ou.get("ous", []), created["Id"], ou_path, depth + 1)

    create_ous(spec.get("ous", []), root["Id"], "Root", 1)
    create_accounts(spec.get("root_accounts", []), root["Id"], "Root")

    targets_by_name = {**parents, **seeder.account_ids}
    for policy in spec.get("policies", []):
        created = orgs.create_policy(
            Content=json.dumps(policy["content"]),
            Description=policy.get("description", ""),
            Name=policy["name"],
            Type="SERVICE_CONTROL_POLICY",
        )["Policy"]["PolicySummary"]
        targets = []
        for target in policy.get("targets", []):
            target_id = targets_by_name[target]
            orgs.attach_policy(PolicyId=created["Id"], TargetId=target_id)
            targets.append(target_id)
        truth.policies.append(
            {"id": created["Id"], "name": policy["name"], "targets": sorted(targets)}
        )
        seeder.plant(policy.get("planted"), management_id, "global", created["Id"], "policy")


def _record_account(
    seeder: Seeder,
    spec: dict[str, Any],
    account_id: str,
    parent_id: str,
    path: str,
    is_management: bool = False,
) -> None:
    seeder.truth.accounts.append(
        {
            "key": spec["key"],
            "id": account_id,
            "name": spec.get("name", spec["key"]),
            "email": spec.get("email"),
            "parent_id": parent_id,
            "ou_path": path,
            "is_management": is_management,
        }
    )
