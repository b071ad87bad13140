"""Who the principals of an inventory are and which policies apply to each.

Built once per Inventory from tables the collectors already read: IAM users, groups, roles and
their policies (GetAccountAuthorizationDetails), AWS managed policy documents, Identity Center
users, groups, permission sets and assignments, and the Organization's SCPs on each account's
path from the root. Everything else in toolkit.access reads this model, never the tables.
"""

from __future__ import annotations

import json
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..accounts import account_names
from .policy import Policy

if TYPE_CHECKING:
    from ..inventory import Inventory

#: What the model reads; a missing table leaves a gap that the results name.
TABLES = (
    "iam.users",
    "iam.groups",
    "iam.roles",
    "iam.policies",
    "iam.policy_attachments",
    "iam.aws_managed_policies",
    "sso.users",
    "sso.group_memberships",
    "sso.account_assignments",
    "sso.permission_sets",
    "organizations.accounts",
    "organizations.organizational_units",
    "organizations.policies",
    "organizations.policy_targets",
)


@dataclass
class Principal:
    """Something that acts: an IAM user or role, an Identity Center permission set's session in
    one account, an Identity Center user (who acts only through sessions), or an outsider."""

    id: str
    kind: str  # user | role | sso_session | sso_user | outside
    name: str
    account: str
    policies: list[Policy] = field(default_factory=list)
    boundary: Policy | None = None
    trust: Policy | None = None
    service_linked: bool = False
    #: Identity Center users signed in through this session (sessions), or the sessions a user
    #: can open (users): ids of the other side.
    sso_links: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    via: str = ""
    missing_policies: list[str] = field(default_factory=list)
    #: The IAM role ARN an Identity Center session acts as (AWSReservedSSO_...), when the
    #: inventory holds it: resource policies name sessions by it.
    arn: str = ""

    @property
    def named_as(self) -> str:
        """What a resource policy's Principal names it by."""
        return self.arn or self.id


@dataclass
class Model:
    principals: dict[str, Principal]
    #: account id -> SCP levels from the root down (each a list of policies); absent: no SCPs
    scps: dict[str, list[list[Policy]]]
    organization_accounts: set[str]
    management_account: str | None
    account_names: dict[str, str]
    gaps: list[str]
    #: Results derived from the model (the escalation graph), kept for the model's life.
    derived: dict[str, Any] = field(default_factory=dict)

    def in_account(
        self, account: str, kinds: tuple[str, ...] = ("user", "role")
    ) -> list[Principal]:
        return [p for p in self.principals.values() if p.account == account and p.kind in kinds]

    def scp_levels(self, principal: Principal) -> list[list[Policy]]:
        """SCPs never apply to the management account or to service-linked roles."""
        if principal.service_linked or principal.account == self.management_account:
            return []
        return self.scps.get(principal.account, [])


#: id(inventory) -> (a weak reference to it, its model): Inventory is a Mapping, unhashable.
_MODELS: dict[int, tuple[weakref.ref[Inventory], Model]] = {}


def model_of(inv: Inventory) -> Model:
    """The model of ``inv``, built on first use and kept while the inventory lives."""
    cached = _MODELS.get(id(inv))
    if cached is not None and cached[0]() is inv:
        return cached[1]
    built = _build(inv)
    _MODELS[id(inv)] = (weakref.ref(inv, lambda _: _MODELS.pop(id(inv), None)), built)
    return built


def _table(inv: Inventory, name: str, gaps: list[str]) -> pd.DataFrame:
    if name in inv.tables:
        return inv[name]
    gaps.append(f"table {name} is not in the inventory")
    return pd.DataFrame()


def _json_list(value: Any) -> list[Any]:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return []
    try:
        found = json.loads(value)
    except (TypeError, ValueError):
        return []
    return found if isinstance(found, list) else []


def _present(value: Any) -> bool:
    return (
        value is not None
        and value is not pd.NA
        and not (isinstance(value, float) and pd.isna(value))
    )


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records") if len(frame) else []


def _build(inv: Inventory) -> Model:
    gaps: list[str] = []
    t = {name: _table(inv, name, gaps) for name in TABLES}
    documents: dict[str, str] = {}
    for row in _rows(t["iam.aws_managed_policies"]) + _rows(t["iam.policies"]):
        if _present(row.get("document")):
            documents[row["arn"]] = row["document"]
    for row in _rows(t["sso.permission_sets"]):
        for arn, doc in json.loads(row.get("managed_policy_documents") or "{}").items():
            documents.setdefault(arn, doc if isinstance(doc, str) else json.dumps(doc))

    principals: dict[str, Principal] = {}
    attachments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(t["iam.policy_attachments"]):
        attachments[row["principal_arn"]].append(row)

    def identity_policies(arn: str, owner: Principal) -> list[Policy]:
        found = []
        for row in attachments.get(arn, []):
            if row["policy_type"] == "inline":
                found.append(Policy.parse(f"inline {row['policy_name']}", row["document"]))
            elif row["policy_arn"] in documents:
                found.append(Policy.parse(row["policy_name"], documents[row["policy_arn"]]))
            else:
                owner.missing_policies.append(row["policy_arn"])
        return found

    def boundary_of(row: dict[str, Any], owner: Principal) -> Policy | None:
        arn = row.get("permissions_boundary_arn")
        if not _present(arn):
            return None
        if arn not in documents:
            owner.missing_policies.append(arn)
            return None
        return Policy.parse(f"boundary {arn.rsplit('/', 1)[-1]}", documents[arn])

    groups = {(r["account_id"], r["group_name"]): r["arn"] for r in _rows(t["iam.groups"])}
    for row in _rows(t["iam.users"]):
        user = Principal(row["arn"], "user", row["user_name"], row["account_id"])
        user.policies = identity_policies(row["arn"], user)
        for name in _json_list(row.get("group_names")):
            group_arn = groups.get((row["account_id"], name))
            if group_arn:
                user.groups.append(name)
                user.policies += identity_policies(group_arn, user)
        user.boundary = boundary_of(row, user)
        user.via = "user" + (f" in groups {', '.join(user.groups)}" if user.groups else "")
        principals[user.id] = user
    for row in _rows(t["iam.roles"]):
        role = Principal(row["arn"], "role", row["role_name"], row["account_id"])
        role.policies = identity_policies(row["arn"], role)
        role.boundary = boundary_of(row, role)
        role.trust = Policy.parse(f"trust policy of {row['role_name']}", row.get("trust_policy"))
        role.service_linked = bool(row.get("is_service_linked") is True)
        role.via = "role"
        principals[role.id] = role
    _add_identity_center(t, documents, principals)
    _provisioned_roles(principals)

    accounts = t["organizations.accounts"]
    management = None
    names = account_names(inv)
    if len(accounts):
        flagged = accounts[accounts["is_management"].fillna(False).astype(bool)]
        management = flagged["id"].iloc[0] if len(flagged) else None
    for p in principals.values():
        if p.missing_policies:
            gaps.append(f"{p.id}: no document for {', '.join(sorted(set(p.missing_policies)))}")
    return Model(
        principals=principals,
        scps=_scp_chains(t),
        organization_accounts=set(accounts["id"].dropna().astype(str)) if len(accounts) else set(),
        management_account=management,
        account_names=names,
        gaps=gaps,
    )


def _add_identity_center(
    t: dict[str, pd.DataFrame], documents: dict[str, str], principals: dict[str, Principal]
) -> None:
    """One session principal per (account, permission set) assigned, as Identity Center's
    provisioned role is; one principal per Identity Center user, linked to its sessions."""
    sets = {r["permission_set_arn"]: r for r in _rows(t["sso.permission_sets"])}
    users = {r["user_id"]: r for r in _rows(t["sso.users"])}
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in _rows(t["sso.group_memberships"]):
        members[r["group_id"]].append((r["user_id"], r.get("group_name") or r["group_id"]))
    for assignment in _rows(t["sso.account_assignments"]):
        pset = sets.get(assignment["permission_set_arn"])
        account = assignment["target_account_id"]
        name = assignment.get("permission_set_name") or (pset or {}).get("name") or "?"
        session_id = f"sso:{name}@{account}"
        session = principals.get(session_id)
        if session is None:
            session = Principal(session_id, "sso_session", f"{name} in {account}", account)
            session.via = f"permission set {name}"
            session.policies = _permission_set_policies(pset, account, documents, session)
            principals[session_id] = session
        if assignment["principal_type"] == "USER":
            reached = [(assignment["principal_id"], None)]
        else:
            reached = [(uid, group) for uid, group in members.get(assignment["principal_id"], [])]
        for user_id, group in reached:
            row = users.get(user_id)
            if row is None:
                continue
            uid = f"sso-user:{row['user_name']}"
            user = principals.setdefault(
                uid, Principal(uid, "sso_user", row["user_name"], assignment["account_id"])
            )
            link = f"{session_id}|{'group ' + group if group else 'direct assignment'}"
            if link not in user.sso_links:
                user.sso_links.append(link)
            if uid not in session.sso_links:
                session.sso_links.append(uid)


#: Where Identity Center puts the role it provisions for a permission set in an account.
SSO_ROLE_PATH = "/aws-reserved/sso.amazonaws.com/"


def _provisioned_roles(principals: dict[str, Principal]) -> None:
    """The roles Identity Center provisions (AWSReservedSSO_<set>_<suffix>) are its sessions:
    each becomes its session's ARN instead of a principal of its own, so that a resource policy
    naming it reaches the session and nothing is counted twice."""
    for role in [p for p in principals.values() if p.kind == "role"]:
        if SSO_ROLE_PATH not in role.id or not role.name.startswith("AWSReservedSSO_"):
            continue
        set_name = role.name.removeprefix("AWSReservedSSO_").rsplit("_", 1)[0]
        session = principals.get(f"sso:{set_name}@{role.account}")
        if session is not None:
            session.arn = role.id
            del principals[role.id]


def _permission_set_policies(
    pset: dict[str, Any] | None, account: str, documents: dict[str, str], owner: Principal
) -> list[Policy]:
    if pset is None:
        owner.missing_policies.append("the permission set's description")
        return []
    found = []
    for arn in _json_list(pset.get("managed_policies")):
        if arn in documents:
            found.append(Policy.parse(arn.rsplit("/", 1)[-1], documents[arn]))
        else:
            owner.missing_policies.append(arn)
    for ref in _json_list(pset.get("customer_managed_policies")):
        arn = f"arn:aws:iam::{account}:policy{ref if ref.startswith('/') else '/' + ref}"
        if arn in documents:
            found.append(Policy.parse(ref.rsplit("/", 1)[-1], documents[arn]))
        else:
            owner.missing_policies.append(arn)
    if _present(pset.get("inline_policy")):
        found.append(Policy.parse(f"{pset['name']} inline policy", pset["inline_policy"]))
    return found


def _scp_chains(t: dict[str, pd.DataFrame]) -> dict[str, list[list[Policy]]]:
    """Each account's SCP levels, root first: the root's, each OU's down the path, the
    account's own. An action must be allowed at every level and denied at none."""
    accounts, ous = t["organizations.accounts"], t["organizations.organizational_units"]
    if not len(accounts) or not len(t["organizations.policies"]):
        return {}
    content = dict(
        zip(t["organizations.policies"]["id"], t["organizations.policies"]["content"], strict=False)
    )
    attached: dict[str, list[Policy]] = defaultdict(list)
    for r in _rows(t["organizations.policy_targets"]):
        if r["policy_id"] in content:
            attached[r["target_id"]].append(
                Policy.parse(f"SCP {r['policy_name']}", content[r["policy_id"]])
            )
    parents = dict(zip(ous["id"], ous["parent_id"], strict=False)) if len(ous) else {}
    chains: dict[str, list[list[Policy]]] = {}
    for r in _rows(accounts):
        path = [r["id"]]
        node = r.get("parent_id")
        while _present(node):
            path.append(node)
            node = parents.get(node)
        # AWS keeps an SCP on every level while SCPs are on; a level without one read is a gap
        # in the inventory, not a deny of everything.
        chains[r["id"]] = [attached[level] for level in reversed(path) if attached.get(level)]
    return chains


def clear_cache() -> None:
    """Forget every inventory's model (toolkit.access.clear_caches)."""
    _MODELS.clear()
