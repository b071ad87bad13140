"""What a principal may do: its identity policies, cut by its permission boundary and by the
SCPs on its account's path from the root, together with a resource's own policy.

Follows AWS's policy evaluation logic: an explicit deny anywhere wins; SCPs and the boundary
only limit (an action must be allowed by each); within one account an identity policy or a
resource policy naming the principal suffices, across accounts both are needed; a KMS key
policy must allow (itself, or the account root to let IAM policies decide).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import catalogue
from .model import Model, Principal
from .policy import NOT_ALLOWED, Decision, Policy, evaluate

ANYWHERE = "*"


@dataclass(frozen=True)
class Permissions:
    """Catalogue indices a principal may perform regardless of resource."""

    allowed: frozenset[int]  # on some resource, perhaps under conditions
    certain: frozenset[int]  # on some resource with no condition in the way
    everywhere: frozenset[int]  # on every resource, with no condition in the way


def _universe() -> frozenset[int]:
    return catalogue.expand("*")


def _grants(policies: tuple[Policy, ...]) -> tuple[frozenset[int], ...]:
    """(allowed, certain, everywhere, denied everywhere, restricted) for a set of policies:
    restricted are actions denied under a condition or on some resources only."""
    universe = _universe()
    allowed: set[int] = set()
    certain: set[int] = set()
    everywhere: set[int] = set()
    denied: set[int] = set()
    restricted: set[int] = set()
    for policy in policies:
        for s in policy.statements:
            covered = s.covered_actions(universe)
            if s.allows:
                allowed |= covered
                if not s.conditional:
                    certain |= covered
                    if s.all_resources:
                        everywhere |= covered
            elif s.all_resources and not s.conditional:
                denied |= covered
            else:
                restricted |= covered
    return tuple(map(frozenset, (allowed, certain, everywhere, denied, restricted)))


@cache
def _permissions(
    identity: tuple[Policy, ...], boundary: Policy | None, scps: tuple[tuple[Policy, ...], ...]
) -> Permissions:
    allowed, certain, everywhere, denied, restricted = _grants(identity)
    for limit in ((boundary,) if boundary else ()) + scps:
        group = limit if isinstance(limit, tuple) else (limit,)
        a, c, e, d, r = _grants(group)
        allowed, certain, everywhere = allowed & a, certain & c, everywhere & e
        denied, restricted = denied | d, restricted | r
    allowed = allowed - denied
    return Permissions(allowed, (certain - denied) - restricted, (everywhere - denied) - restricted)


def permissions(model: Model, principal: Principal) -> Permissions:
    scps = tuple(tuple(level) for level in model.scp_levels(principal))
    return _permissions(tuple(principal.policies), principal.boundary, scps)


def _grants_everything(policies: list[Policy]) -> bool:
    return any(
        s.allows and s.every_action and s.all_resources and not s.conditional
        for p in policies
        for s in p.statements
    )


def _denies_everything(policies: list[Policy]) -> bool:
    return any(
        not s.allows and s.every_action and s.all_resources and not s.conditional
        for p in policies
        for s in p.statements
    )


def is_admin(model: Model, principal: Principal) -> bool:
    """Allowed '*' on '*' with no condition, by its policies, its boundary and every SCP level,
    and denied everything nowhere: an administrator of its account."""
    if principal.kind in ("sso_user", "outside"):
        return False
    layers = [principal.policies]
    if principal.boundary is not None:
        layers.append([principal.boundary])
    layers += model.scp_levels(principal)
    return all(_grants_everything(layer) for layer in layers) and not any(
        _denies_everything(layer) for layer in layers
    )


def _combine(*decisions: Decision) -> Decision:
    because = tuple(r for d in decisions for r in d.because)
    return Decision(True, conditional=any(d.conditional for d in decisions), because=because)


def identity_decision(
    model: Model, principal: Principal, action: int, resource: str
) -> tuple[Decision, Decision]:
    """(what its policies and boundary say, what the SCPs say): each ALLOW, DENY or nothing.
    Outside its boundary is an implicit deny (a resource policy may still let a user in)."""
    identity = evaluate(principal.policies, action, resource)
    if identity.denied:
        return identity, NOT_ALLOWED
    if identity.allowed and principal.boundary is not None:
        bounded = evaluate([principal.boundary], action, resource)
        if bounded.denied:
            return bounded, NOT_ALLOWED
        identity = _combine(identity, bounded) if bounded.allowed else _outside_boundary(principal)
    scp = Decision(True)
    for level in model.scp_levels(principal):
        found = evaluate(level, action, resource)
        if not found.allowed:
            return identity, found if found.denied else _not_in_scp(level)
        scp = _combine(scp, found) if found.conditional else scp
    return identity, scp


def _outside_boundary(principal: Principal) -> Decision:
    name = principal.boundary.name if principal.boundary else "its boundary"
    return Decision(False, because=(f"not within {name}",))


def _within_boundary(principal: Principal, action: int, resource: str) -> bool:
    """A role's boundary also limits what a resource policy naming the role grants; a user's
    does not (AWS's single-account evaluation)."""
    if principal.kind == "user" or principal.boundary is None:
        return True
    return evaluate([principal.boundary], action, resource).allowed


def _not_in_scp(level: list[Policy]) -> Decision:
    names = ", ".join(p.name for p in level) or "no SCP"
    return Decision(False, denied=True, because=(f"not allowed by {names}",))


def decide(
    model: Model,
    principal: Principal,
    action: str,
    resource: str = ANYWHERE,
    resource_policy: Policy | None = None,
    resource_account: str | None = None,
    key_policy: bool = False,
) -> Decision:
    """Whether ``principal`` may perform ``action`` on ``resource``: ALLOW (perhaps
    conditional), DENY, or not allowed, with the reasons in order."""
    index = catalogue.index_of(action)
    if index is None:
        return Decision(False, because=(f"{action} is not an action AWS publishes",))
    identity, scp = identity_decision(model, principal, index, resource)
    if identity.denied:
        return identity
    if not scp.allowed:
        return scp
    named = NOT_ALLOWED
    if resource_policy is not None:
        named = evaluate(
            [resource_policy], index, resource, (principal.named_as, principal.account)
        )
        if named.denied:
            return named
    same_account = resource_account in (None, principal.account)
    naming = how_named(resource_policy, principal, index, resource) if named.allowed else None
    if key_policy:
        # A key policy must allow: the principal itself, or the account root (then IAM decides).
        if not named.allowed:
            return Decision(False, because=("the key policy does not allow it",))
        if naming == "arn" and same_account and _within_boundary(principal, index, resource):
            return _combine(named, scp)
        return _combine(identity, named, scp) if identity.allowed else _missing(identity)
    if same_account:
        if naming in ("arn", "anyone") and not identity.allowed:
            if _within_boundary(principal, index, resource):
                return _combine(named, scp)
            return _outside_boundary(principal)
        if identity.allowed:
            return _combine(identity, scp)
        return _missing(identity)
    if not named.allowed:
        return Decision(False, because=("no resource policy lets it in from another account",))
    if not identity.allowed:
        return _missing(identity)
    return _combine(identity, named, scp)


def _missing(identity: Decision) -> Decision:
    return identity if identity.because else Decision(False, because=("no policy allows it",))


def how_named(
    policy: Policy | None, principal: Principal, action: int, resource: str
) -> str | None:
    """How the statements allowing this request name the principal: its ARN, its account, or
    anyone; the most specific wins (a statement for another action does not count)."""
    if policy is None:
        return None
    kinds = {
        s.principals.names(principal.named_as, principal.account)
        for s in policy.statements
        if s.allows
        and s.principals is not None
        and not s.not_principal
        and s.covers_action(action)
        and s.covers_resource(resource)
    }
    for kind in ("arn", "account", "anyone"):
        if kind in kinds:
            return kind
    return None


def clear_cache() -> None:
    """Forget every principal's computed permissions (toolkit.access.clear_caches)."""
    _permissions.cache_clear()
