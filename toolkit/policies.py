"""IAM policy documents as data: pure functions over their JSON, written once.

Identity policies, trust policies, SCPs and resource policies share one grammar (Statement,
Effect, Action/NotAction, Resource, Principal, Condition; one value or a list almost anywhere).
Checks and collectors both read them; each used to parse them its own way, and the copies
drifted. Everything here takes a document as JSON text or as an already parsed dict, never
raises on a malformed one (it has no statements), and does no I/O.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import unquote

__all__ = [
    "ADMIN_ACTIONS",
    "action_matches",
    "actions",
    "allows_full_admin",
    "as_list",
    "aws_managed_policy_pattern",
    "covers_action",
    "is_allow",
    "is_deny",
    "is_public",
    "load",
    "principals",
    "resources",
    "service_wildcards",
    "statements",
    "to_json",
]

#: Action values that grant every action of every service.
ADMIN_ACTIONS = frozenset({"*", "*:*"})
_SERVICE_WILDCARD = re.compile(r"^[a-z0-9-]+:\*$", re.IGNORECASE)
_AWS_MANAGED = r"^arn:aws[a-z-]*:iam::aws:policy/"


def load(document: Any) -> Any:
    """The document parsed: JSON text (URL-encoded too, as some IAM APIs return it) decoded,
    anything else returned as it is; None for text that is not JSON."""
    if not isinstance(document, str):
        return document
    for text in (document, unquote(document)):
        try:
            return json.loads(text)
        except ValueError:
            continue
    return None


def to_json(document: Any) -> str | None:
    """The document as JSON text (decoded first if URL-encoded); unreadable text unchanged."""
    if document is None:
        return None
    parsed = load(document)
    if parsed is None and isinstance(document, str):
        return document
    return parsed if isinstance(parsed, str) else json.dumps(parsed)


def as_list(value: Any) -> list[Any]:
    """A policy element as a list: the grammar allows one value or a list almost anywhere."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def statements(document: Any) -> list[dict[str, Any]]:
    """The document's statements (one or a list); none for an unreadable document."""
    parsed = load(document)
    if not isinstance(parsed, dict):
        return []
    return [s for s in as_list(parsed.get("Statement")) if isinstance(s, dict)]


def is_allow(statement: dict[str, Any]) -> bool:
    return statement.get("Effect") == "Allow"


def is_deny(statement: dict[str, Any]) -> bool:
    return statement.get("Effect") == "Deny"


def actions(statement: dict[str, Any]) -> list[str]:
    """The statement's Action values (not NotAction), as text."""
    return [str(a) for a in as_list(statement.get("Action"))]


def resources(statement: dict[str, Any]) -> list[str]:
    """The statement's Resource values (not NotResource), as text."""
    return [str(r) for r in as_list(statement.get("Resource"))]


def principals(statement: dict[str, Any], kind: str = "AWS") -> list[str]:
    """The principals of one kind (AWS, Service, Federated, ...) the statement names; ['*']
    for ``"Principal": "*"``, which names every kind."""
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    if not isinstance(principal, dict):
        return []
    return [str(p) for p in as_list(principal.get(kind))]


def allows_full_admin(document: Any, *, conditional: bool = False) -> bool:
    """Whether an Allow statement grants every action on Resource '*'. By default a statement
    with a Condition does not count (CIS 1.16 / FSBP IAM.1); ``conditional=True`` counts it
    (Identity Center's view of an inline policy)."""
    return any(
        is_allow(s)
        and (conditional or not s.get("Condition"))
        and bool(ADMIN_ACTIONS & set(actions(s)))
        and "*" in resources(s)
        for s in statements(document)
    )


def service_wildcards(document: Any) -> list[str]:
    """The 'service:*' actions (e.g. s3:*, iam:*) the Allow statements grant, sorted."""
    return sorted(
        {
            action
            for s in statements(document)
            if is_allow(s)
            for action in actions(s)
            if _SERVICE_WILDCARD.match(action)
        }
    )


def action_matches(action: str, patterns: Any) -> bool:
    """Whether an action (e.g. organizations:LeaveOrganization) matches any of the patterns, with
    IAM's wildcards (* and ?) and case-insensitively, as AWS compares actions."""
    wanted = action.lower()
    return any(isinstance(p, str) and fnmatchcase(wanted, p.lower()) for p in as_list(patterns))


def covers_action(statement: dict[str, Any], action: str) -> bool:
    """Whether the statement applies to the action: listed in its Action, or left out of its
    NotAction. Conditions are not evaluated."""
    listed = "Action" in statement and action_matches(action, statement["Action"])
    excluded = "NotAction" in statement and not action_matches(action, statement["NotAction"])
    return listed or excluded


def aws_managed_policy_pattern(name: str) -> str:
    """A regular expression matching the ARN of the AWS managed policy ``name`` (e.g.
    AdministratorAccess) in every partition (aws, aws-cn, aws-us-gov)."""
    return _AWS_MANAGED + re.escape(name) + "$"


def is_public(document: Any) -> bool:
    """Whether a resource policy (a queue's, a topic's, a key's, ...) lets anyone in: an Allow to
    a wildcard principal without a condition that pins it to known accounts, organizations,
    networks or source ARNs, as policyuniverse (Netflix) judges it. False for no document or an
    unreadable one."""
    from policyuniverse.policy import Policy

    parsed = load(document)
    if not isinstance(parsed, dict):
        return False
    try:
        return bool(Policy(parsed).is_internet_accessible())
    except (ValueError, AttributeError, TypeError, KeyError):
        return False
