"""``access.who_can``: the principals that can perform one action on one resource.

Identity policies, permission boundaries, SCPs and the resource's own policy (an S3 bucket's,
a KMS key's, an SQS queue's, an SNS topic's, a role's trust) are evaluated together, each answer
with its reasons. A resource policy that lets anyone in ("*") gives one row, principal "*":
principals it reaches only that way are not listed one by one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..errors import UsageError
from . import catalogue
from .evaluate import decide, how_named
from .model import Model, model_of
from .policy import Policy, Principals, evaluate

if TYPE_CHECKING:
    from ..inventory import Inventory

COLUMNS = {
    "principal": "string",
    "principal_type": "string",
    "principal_name": "string",
    "principal_account": "string",
    "decision": "string",
    "reason": "string",
    "users": "string",
}
#: ARN service -> (table, key column, policy column) where a resource policy lives.
RESOURCE_POLICIES = {
    "kms": ("kms.keys", "arn", "policy"),
    "sqs": ("sqs.queues", "arn", "policy"),
    "sns": ("sns.topics", "arn", "policy"),
    "iam": ("iam.roles", "arn", "trust_policy"),
}


def who_can(inv: Inventory, action: str, resource: str) -> pd.DataFrame:
    """Every principal allowed (or allowed under a condition) to perform ``action`` (e.g.
    's3:GetObject') on ``resource`` (an ARN), with the chain of reasons."""
    if catalogue.index_of(action) is None:
        raise UsageError(
            f"{action!r} is not an IAM action AWS publishes; give it as service:Action, "
            "e.g. s3:GetObject."
        )
    model = model_of(inv)
    account, policy = _resource_policy(inv, resource)
    is_key = resource.startswith("arn:aws:kms:")
    rows = []
    for p in model.principals.values():
        if p.kind not in ("user", "role", "sso_session"):
            continue
        if not _worth_trying(policy, p.named_as, p.account, account):
            continue
        found = decide(model, p, action, resource, policy, account, key_policy=is_key)
        if not found.allowed or _only_as_anyone(policy, action, resource, p, found, account):
            continue
        rows.append(
            {
                "principal": p.id,
                "principal_type": p.kind,
                "principal_name": p.name,
                "principal_account": p.account,
                "decision": "conditional" if found.conditional else "allowed",
                "reason": "; ".join(found.because),
                "users": ", ".join(u.removeprefix("sso-user:") for u in p.sso_links) or None,
            }
        )
    rows += _outsiders(model, policy, action, resource)
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(COLUMNS)


def _resource_policy(inv: Inventory, resource: str) -> tuple[str | None, Policy | None]:
    """(the resource's account, its resource policy) from the inventory."""
    parts = resource.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        raise UsageError(f"{resource!r} is not an ARN; give the resource as arn:aws:...")
    service, account = parts[2], parts[4] or None
    if service == "s3":
        bucket = parts[5].split("/", 1)[0]
        frame = inv["s3.buckets"] if "s3.buckets" in inv.tables else pd.DataFrame()
        match = frame[frame["name"] == bucket] if len(frame) else frame
        if not len(match):
            return None, None
        row = match.iloc[0]
        return row["account_id"], _parse(f"bucket policy of {bucket}", row.get("policy"))
    if service == "iam" and ":role/" not in resource:
        return account, None
    if service in RESOURCE_POLICIES and RESOURCE_POLICIES[service][0] in inv.tables:
        table, key, column = RESOURCE_POLICIES[service]
        frame = inv[table]
        if key not in frame.columns:
            return account, None
        match = frame[frame[key] == resource]
        if len(match):
            name = resource.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
            return account, _parse(f"{column.replace('_', ' ')} of {name}", match.iloc[0][column])
    return account, None


def _parse(name: str, document: object) -> Policy | None:
    if document is None or document is pd.NA or not isinstance(document, str):
        return None
    return Policy.parse(name, document)


def _worth_trying(policy: Policy | None, arn: str, account: str, owner: str | None) -> bool:
    """Across accounts only principals the resource policy names can get in."""
    if owner in (None, account):
        return True
    return policy is not None and any(
        s.principals is not None and s.principals.names(arn, account) is not None
        for s in policy.statements
    )


def _only_as_anyone(policy, action, resource, p, found, owner) -> bool:  # noqa: ANN001
    """True when the principal gets in only because the resource policy allows anyone."""
    index = catalogue.index_of(action)
    if how_named(policy, p, index, resource) != "anyone":
        return False
    same = owner in (None, p.account)
    return not (same and evaluate(p.policies, index, resource).allowed)


def _outsiders(model: Model, policy: Policy | None, action: str, resource: str) -> list[dict]:
    """Rows for principals the resource policy names that the inventory does not hold."""
    if policy is None:
        return []
    index = catalogue.index_of(action)
    rows = []
    seen: set[str] = set()
    for s in policy.statements:
        if not (s.allows and s.principals is not None and s.covers_action(index)):
            continue
        if not s.covers_resource(resource):
            continue
        for who in _named_outside(model, s.principals):
            if who in seen:
                continue
            denied = evaluate([policy], index, resource, (who, _account(who)))
            if not denied.allowed:
                continue
            seen.add(who)
            rows.append(
                {
                    "principal": who,
                    "principal_type": "anyone" if who == "*" else "outside",
                    "principal_name": who,
                    "principal_account": _account(who) or None,
                    "decision": "conditional" if denied.conditional else "allowed",
                    "reason": "; ".join(denied.because),
                    "users": None,
                }
            )
    return rows


def _named_outside(model: Model, principals: Principals) -> list[str]:
    known = {p.account for p in model.principals.values()} | model.organization_accounts
    found = ["*"] if principals.anyone else []
    found += [f"arn:aws:iam::{a}:root" for a in sorted(principals.accounts) if a not in known]
    found += [a for a in sorted(principals.arns) if _account(a) not in known]
    return found


def _account(arn: str) -> str:
    parts = arn.split(":")
    return parts[4] if len(parts) > 4 else ""
