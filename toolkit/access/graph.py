"""The privilege-escalation graph: who can become whom.

Nodes are principals (IAM users and roles, Identity Center users and their sessions, principals
outside the Organization), plus ``<id>#admin`` for a principal that can make itself
administrator. Edges are single steps, each with the method that takes it: AssumeRole (the
role's trust and the caller's own policies together), IdentityCenter (a user opening an
assigned permission set), and cloudsplaining's privilege-escalation methods (iam:PassRole with
a service that runs code, new policy versions, policies attached or put, access keys or login
profiles for another user, a role's trust rewritten, a function's code replaced).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from . import catalogue
from .evaluate import decide, is_admin, permissions
from .model import Model, Principal, model_of
from .policy import Decision

if TYPE_CHECKING:
    from ..inventory import Inventory

ADMIN = "#admin"
ACTORS = ("user", "role", "sso_session")
#: Methods whose only resource is the principal itself, or its own groups.
SELF_METHODS = {
    "AttachUserPolicy": ("user", "iam:AttachUserPolicy"),
    "PutUserPolicy": ("user", "iam:PutUserPolicy"),
    "AttachRolePolicy": ("role", "iam:AttachRolePolicy"),
    "PutRolePolicy": ("role", "iam:PutRolePolicy"),
    "AttachGroupPolicy": ("group", "iam:AttachGroupPolicy"),
    "PutGroupPolicy": ("group", "iam:PutGroupPolicy"),
}
#: Methods that rewrite any customer managed policy: cloudsplaining counts them as escalation
#: for whoever holds them, whichever policy they name.
POLICY_METHODS = ("CreateNewPolicyVersion", "SetExistingDefaultPolicyVersion")
#: Methods that take over another user.
USER_METHODS = ("CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile")


def escalation_graph(inv: Inventory) -> nx.DiGraph:
    """Every step one principal can take to act as another, as a networkx DiGraph (built once
    per inventory; treat it as read-only). Node attributes: kind, name, account, admin; edge
    attributes: methods (list), conditional, because."""
    model = model_of(inv)
    if "graph" not in model.derived:
        model.derived["graph"] = _build(inv, model)
    return model.derived["graph"]


def _build(inv: Inventory, model: Model) -> nx.DiGraph:
    graph = nx.DiGraph()
    for p in model.principals.values():
        graph.add_node(p.id, kind=p.kind, name=p.name, account=p.account, admin=is_admin(model, p))
    _identity_center(model, graph)
    _assume_role(model, graph)
    functions = _functions(inv)
    for p in model.principals.values():
        if p.kind in ACTORS:
            _escalations(model, graph, p, functions)
    return graph


def _edge(graph: nx.DiGraph, source: str, target: str, method: str, decision: Decision) -> None:
    if graph.has_edge(source, target):
        data = graph.edges[source, target]
        if method not in data["methods"]:
            data["methods"].append(method)
        data["conditional"] = data["conditional"] and decision.conditional
        return
    graph.add_edge(
        source, target, methods=[method], conditional=decision.conditional, because=decision.because
    )


def _identity_center(model: Model, graph: nx.DiGraph) -> None:
    for p in model.principals.values():
        if p.kind == "sso_user":
            for link in p.sso_links:
                session, _, how = link.partition("|")
                _edge(graph, p.id, session, "IdentityCenter", Decision(True, because=(how,)))


def _assume_role(model: Model, graph: nx.DiGraph) -> None:
    """An edge to each role from whoever its trust policy and their own policies let in;
    principals outside the inventory's accounts become ``outside`` nodes."""
    by_account: dict[str, list[Principal]] = defaultdict(list)
    for p in model.principals.values():
        if p.kind in ACTORS:
            by_account[p.account].append(p)
    known = set(by_account) | model.organization_accounts
    by_arn = {p.named_as: p for ps in by_account.values() for p in ps}
    assume = catalogue.index_of("sts:AssumeRole")
    for role in model.principals.values():
        if role.kind != "role" or role.trust is None or role.service_linked:
            continue
        candidates: dict[str, Principal] = {}
        for s in role.trust.statements:
            if not (s.allows and s.principals is not None and s.covers_action(assume)):
                continue
            if s.principals.anyone:
                candidates.update({p.id: p for ps in by_account.values() for p in ps})
                _outside(graph, "*", role, s.conditional)
            for account in s.principals.accounts:
                if account in known:
                    candidates.update({p.id: p for p in by_account.get(account, [])})
                else:
                    _outside(graph, f"arn:aws:iam::{account}:root", role, s.conditional)
            for arn in s.principals.arns:
                if arn in by_arn:
                    candidates[by_arn[arn].id] = by_arn[arn]
                elif _arn_account(arn) not in known:
                    _outside(graph, arn, role, s.conditional)
        for p in candidates.values():
            if p.id == role.id:
                continue
            found = decide(
                model, p, "sts:AssumeRole", role.id, role.trust, resource_account=role.account
            )
            if found.allowed:
                _edge(graph, p.id, role.id, "AssumeRole", found)


def _arn_account(arn: str) -> str:
    parts = arn.split(":")
    return parts[4] if len(parts) > 4 else ""


def _outside(graph: nx.DiGraph, node: str, role: Principal, conditional: bool) -> None:
    if node not in graph:
        graph.add_node(node, kind="outside", name=node, account=_arn_account(node), admin=False)
    _edge(graph, node, role.id, "AssumeRole", Decision(True, conditional=conditional))


def _functions(inv: Inventory) -> list[dict[str, Any]]:
    if "lambda.functions" not in inv.tables:
        return []
    frame = inv["lambda.functions"]
    return frame[["account_id", "arn", "role"]].dropna().to_dict("records") if len(frame) else []


def _escalations(
    model: Model, graph: nx.DiGraph, p: Principal, functions: list[dict[str, Any]]
) -> None:
    held = permissions(model, p)
    if not held.allowed:
        return
    roles = [r for r in model.in_account(p.account, ("role",)) if not r.service_linked]
    users = model.in_account(p.account, ("user",))

    def some(action: str) -> Decision | None:
        """Allowed on some resource (the catalogue view, no resource named)."""
        index = catalogue.index_of(action)
        if index is None or index not in held.allowed:
            return None
        return Decision(True, conditional=index not in held.certain)

    def to_admin(method: str, decision: Decision) -> None:
        node = p.id + ADMIN
        if node not in graph:
            graph.add_node(node, kind=p.kind, name=p.name, account=p.account, admin=True)
        _edge(graph, p.id, node, method, decision)

    for method, needed in catalogue.escalation_methods().items():
        if not all(some(action) for action in needed):
            continue  # the catalogue view says no: no resource needs trying
        if "iam:passrole" in needed:
            _pass_role(model, graph, p, method, needed, roles, some)
        elif method in POLICY_METHODS:
            found = some(needed[0])
            if found:
                to_admin(method, found)
        elif method in SELF_METHODS and p.kind != "sso_session":
            kind, action = SELF_METHODS[method]
            targets = [p.id] if kind == p.kind else []
            if kind == "group" and p.kind == "user":
                targets = [f"arn:aws:iam::{p.account}:group/{g}" for g in p.groups]
            for target in targets:
                found = decide(model, p, action, target)
                if found.allowed:
                    to_admin(method, found)
                    break
        elif method in USER_METHODS or method == "UpdateRolePolicyToAssumeIt":
            # Another user's keys or password, or a role's trust rewritten: become the target.
            for target in users if method in USER_METHODS else roles:
                if target.id != p.id:
                    found = decide(model, p, needed[0], target.id)
                    if found.allowed:
                        _edge(graph, p.id, target.id, method, found)
        elif method == "EditExistingLambdaFunctionWithRole":
            for fn in functions:
                if fn["account_id"] == p.account and fn["role"] in model.principals:
                    found = decide(model, p, needed[0], fn["arn"])
                    if found.allowed and fn["role"] != p.id:
                        _edge(graph, p.id, fn["role"], method, found)


def _pass_role(model, graph, p, method, needed, roles, some) -> None:  # noqa: ANN001
    """iam:PassRole on a role that trusts the service, with the service's own actions."""
    others = [a for a in needed if a != "iam:passrole"]
    service = others[0].split(":")[0] + ".amazonaws.com"
    decisions = [some(a) for a in others]
    if not all(decisions):
        return
    for role in roles:
        if role.id == p.id or not _trusts_service(role, service):
            continue
        found = decide(model, p, "iam:PassRole", role.id)
        if found.allowed:
            conditional = found.conditional or any(d.conditional for d in decisions)
            _edge(graph, p.id, role.id, method, Decision(True, conditional=conditional))


def _trusts_service(role: Principal, service: str) -> bool:
    return role.trust is not None and any(
        s.allows and s.principals is not None and service in s.principals.services
        for s in role.trust.statements
    )
