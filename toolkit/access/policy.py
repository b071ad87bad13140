"""IAM policy statements read once and evaluated many times.

A statement's Action/NotAction becomes a set of catalogue indices (catalogue.expand), its
Resource/NotResource a list of compiled ARN globs, its Principal/NotPrincipal (resource policies)
a set of ARNs and account ids. Evaluation answers, for one request, ALLOW, DENY or nothing, and
whether a Condition (or a policy variable) makes the answer depend on the request: such answers
are *conditional*, never silently treated as allow or as deny (issue 17).
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..policies import as_list, statements
from . import catalogue

ALL = "*"
_VARIABLE = re.compile(r"\$\{[^}]*\}")


@cache
def _resource_regex(pattern: str) -> re.Pattern[str]:
    """ARN globs: * and ? as in IAM; a policy variable (${aws:username}) matches anything."""
    return re.compile(fnmatch.translate(_VARIABLE.sub("*", pattern)))


def _account_of(principal: str) -> str | None:
    """'123456789012' or 'arn:aws:iam::123456789012:root' -> the account id."""
    if re.fullmatch(r"\d{12}", principal):
        return principal
    match = re.fullmatch(r"arn:aws[a-z-]*:iam::(\d{12}):root", principal)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Principals:
    """Who a resource-policy statement names: anyone, whole accounts, exact ARNs, services."""

    anyone: bool = False
    accounts: frozenset[str] = frozenset()
    arns: frozenset[str] = frozenset()
    services: frozenset[str] = frozenset()
    federated: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, value: Any) -> Principals:
        if value == ALL:
            return cls(anyone=True)
        if not isinstance(value, dict):
            return cls()
        aws = [str(v) for v in as_list(value.get("AWS"))]
        accounts = {a for a in map(_account_of, aws) if a}
        arns = {a for a in aws if a != ALL and not _account_of(a)}
        return cls(
            anyone=ALL in aws,
            accounts=frozenset(accounts),
            arns=frozenset(arns),
            services=frozenset(str(s) for s in as_list(value.get("Service"))),
            federated=frozenset(str(f) for f in as_list(value.get("Federated"))),
        )

    def names(self, arn: str, account: str) -> str | None:
        """How this names the principal (arn, its account, or anyone); None if it does not."""
        if arn in self.arns:
            return "arn"
        if account in self.accounts:
            return "account"
        if self.anyone:
            return "anyone"
        return None


@dataclass(frozen=True)
class Statement:
    effect: str
    actions: frozenset[int]
    not_action: bool
    resources: tuple[str, ...]
    not_resource: bool
    conditional: bool
    principals: Principals | None = None
    not_principal: bool = False
    sid: str = ""
    every_action: bool = field(default=False)

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Statement:
        not_action = "NotAction" in raw
        patterns = [str(p) for p in as_list(raw.get("NotAction" if not_action else "Action"))]
        indices: frozenset[int] = frozenset().union(*(catalogue.expand(p) for p in patterns))
        not_resource = "NotResource" in raw
        resources = tuple(
            str(r) for r in as_list(raw.get("NotResource" if not_resource else "Resource", ALL))
        )
        principal_key = "NotPrincipal" if "NotPrincipal" in raw else "Principal"
        principals = Principals.parse(raw[principal_key]) if principal_key in raw else None
        variables = any(_VARIABLE.search(r) for r in resources)
        return cls(
            effect=str(raw.get("Effect", "Allow")),
            actions=indices,
            not_action=not_action,
            resources=resources,
            not_resource=not_resource,
            conditional=bool(raw.get("Condition")) or variables,
            principals=principals,
            not_principal=principal_key == "NotPrincipal",
            sid=str(raw.get("Sid", "")),
            every_action=not not_action and any(p.strip() in ("*", "*:*") for p in patterns),
        )

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

    def covers_action(self, index: int) -> bool:
        return (index in self.actions) != self.not_action

    def covered_actions(self, universe: frozenset[int]) -> frozenset[int]:
        return universe - self.actions if self.not_action else self.actions

    def covers_resource(self, resource: str) -> bool:
        hit = any(_resource_regex(p).match(resource) for p in self.resources)
        return hit != self.not_resource

    @property
    def all_resources(self) -> bool:
        """Whether it applies to every resource (Resource "*", no NotResource)."""
        return not self.not_resource and ALL in self.resources


@dataclass(frozen=True)
class Policy:
    """One policy document, named by where it comes from (for reason chains)."""

    name: str
    statements: tuple[Statement, ...]

    @classmethod
    def parse(cls, name: str, document: Any) -> Policy:
        return cls(name, _statements(_document_key(document)))


def _document_key(document: Any) -> str:
    if document is None:
        return "{}"
    return document if isinstance(document, str) else json.dumps(document, sort_keys=True)


@cache
def _statements(text: str) -> tuple[Statement, ...]:
    """Parsed once per distinct document text: the same managed policy is attached to many.
    ``toolkit.policies`` reads the document (URL-encoded too, as IAM may return it)."""
    return tuple(Statement.parse(s) for s in statements(text))


@dataclass(frozen=True)
class Decision:
    """The outcome of one request against some policies."""

    allowed: bool
    conditional: bool = False
    denied: bool = False
    because: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.denied:
            return "denied"
        if not self.allowed:
            return "not allowed"
        return "conditional" if self.conditional else "allowed"


NOT_ALLOWED = Decision(False)


def evaluate(
    policies: list[Policy],
    action: int,
    resource: str,
    principal: tuple[str, str] | None = None,
) -> Decision:
    """Allow if some statement allows and none denies; a deny under a Condition makes the
    answer conditional, an unconditional deny denies. ``principal`` (arn, account) restricts
    statements that name principals (resource policies) to those naming it."""
    allow: list[str] = []
    allow_certain = False
    deny_conditional: list[str] = []
    for policy in policies:
        for statement in policy.statements:
            if not statement.covers_action(action) or not statement.covers_resource(resource):
                continue
            if statement.principals is not None:
                if principal is None:
                    continue
                named = statement.principals.names(*principal) is not None
                if named == statement.not_principal:
                    continue
            where = f"{policy.name}{' (' + statement.sid + ')' if statement.sid else ''}"
            if not statement.allows:
                if not statement.conditional:
                    return Decision(False, denied=True, because=(f"denied by {where}",))
                deny_conditional.append(where)
            else:
                allow.append(where)
                allow_certain = allow_certain or not statement.conditional
    if not allow:
        return NOT_ALLOWED
    because = tuple(f"allowed by {w}" for w in allow[:1]) + tuple(
        f"unless denied by {w} (condition)" for w in deny_conditional
    )
    return Decision(True, conditional=not allow_certain or bool(deny_conditional), because=because)


def clear_cache() -> None:
    """Forget every parsed document and compiled resource pattern (toolkit.access.clear_caches)."""
    _statements.cache_clear()
    _resource_regex.cache_clear()
