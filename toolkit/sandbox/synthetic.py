"""Synthetic organizations of any size, built from a few numbers, for benchmarks and scale tests.

``synthetic_estate(accounts=20, instances=100, ...)`` returns an estate in the same schema as
``toolkit/data/estates/demo.yaml``, so ``Sandbox(estate=synthetic_estate(...))`` seeds and
serves it like the demo. The counts are per account (``assignments``: Identity Center account
assignments on each account); ``accounts`` counts the management account too. The same arguments
always give the same estate. The settings of buckets, users and roles vary with their index, so
that checks find a realistic mix of passes and failures; nothing is marked ``planted``: the
ground truth of a synthetic estate is its counts, not its findings.

Seeding is made fast for size: an instance entry carries ``count`` (one RunInstances for the
whole batch), and the estate asks for ``seed_workers`` accounts to be seeded at once (moto then
hands out ids in an order that varies from run to run; the demo estate stays sequential and
deterministic).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from ..errors import UsageError

#: The leaf OUs accounts are spread over, in this order (one account in five stays under the root).
_OU_TREE = [
    {"name": "Security"},
    {"name": "Workloads", "ous": [{"name": "Production"}, {"name": "Development"}]},
    {"name": "Sandbox"},
]
_LEAVES = ["Security", "Production", "Development", "Sandbox", None]
_PERMISSION_SETS = [
    ("AdministratorAccess", "PT1H", "arn:aws:iam::aws:policy/AdministratorAccess"),
    ("ReadOnlyAccess", "PT4H", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
    ("SecurityAudit", "PT4H", "arn:aws:iam::aws:policy/SecurityAudit"),
    ("DeveloperAccess", "PT12H", "arn:aws:iam::aws:policy/PowerUserAccess"),
]
_GROUPS = ["PlatformAdmins", "Developers", "SecurityAuditors", "DataEngineers"]
_SSO_USERS = 8
_ENCRYPTIONS = ["AES256", "aws:kms", "AES256", "none"]


def synthetic_estate(
    accounts: int = 20,
    regions: Iterable[str] = ("us-east-1", "eu-west-1"),
    buckets: int = 10,
    instances: int = 100,
    users: int = 10,
    roles: int = 10,
    assignments: int = 3,
    *,
    seed: int = 0,
    seed_workers: int = 2,
) -> dict[str, Any]:
    """An estate dict: ``accounts`` accounts (management included) over ``regions``, each with
    ``buckets`` buckets, ``instances`` EC2 instances, ``users`` IAM users, ``roles`` IAM roles
    and ``assignments`` Identity Center assignments. Deterministic for the same arguments."""
    regions = list(regions)
    counts = {
        "buckets": buckets,
        "instances": instances,
        "users": users,
        "roles": roles,
        "assignments": assignments,
    }
    if accounts < 1:
        raise UsageError(f"A synthetic estate needs at least 1 account, not {accounts}.")
    if not regions:
        raise UsageError("A synthetic estate needs at least one region.")
    for name, value in counts.items():
        if value < 0:
            raise UsageError(f"{name} must not be negative, not {value}.")
    pairs = len(_PERMISSION_SETS) * (len(_GROUPS) + _SSO_USERS)
    if assignments > pairs:
        raise UsageError(f"assignments is at most {pairs} per account, not {assignments}.")
    if accounts > 250:
        raise UsageError(f"A synthetic estate holds at most 250 accounts, not {accounts}.")

    rng = random.Random(seed)
    tag = f"{seed:x}"
    keys = ["management"] + [f"acct-{n:03d}" for n in range(1, accounts)]
    ous: list[dict[str, Any]] = [_ou(entry) for entry in _OU_TREE]
    by_name = _by_name(ous)
    root_accounts: list[dict[str, Any]] = []
    for n, key in enumerate(keys[1:], start=1):
        member = {"key": key, "name": f"Synthetic {n:03d}", "email": f"{key}-{tag}@example.com"}
        leaf = _LEAVES[(n - 1) % len(_LEAVES)]
        (by_name[leaf]["accounts"] if leaf else root_accounts).append(member)

    resources = {
        key: _account(index, key, regions, counts, rng, tag) for index, key in enumerate(keys)
    }
    return {
        "description": (
            f"Synthetic organization: {accounts} accounts, {len(regions)} regions; per account "
            f"{buckets} buckets, {instances} instances, {users} users, {roles} roles, "
            f"{assignments} assignments (seed {seed})."
        ),
        "seed": seed,
        "seed_workers": max(1, seed_workers),
        "regions": regions,
        "organization": {
            "management": {"key": "management"},
            "ous": ous,
            "root_accounts": root_accounts,
            "policies": [
                {
                    "name": "DenyLeaveOrganization",
                    "description": "Member accounts may not leave the organization.",
                    "targets": ["Security", "Workloads"],
                    "content": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "DenyLeave",
                                "Effect": "Deny",
                                "Action": "organizations:LeaveOrganization",
                                "Resource": "*",
                            }
                        ],
                    },
                }
            ],
        },
        "identity_center": _identity_center(regions[0], keys, assignments),
        "accounts": resources,
    }


def resource_counts(estate: dict[str, Any]) -> dict[str, int]:
    """What a synthetic estate (or any estate) declares, summed over accounts: the ground truth
    a seeded sandbox must match."""
    totals = {"accounts": 1, "buckets": 0, "instances": 0, "users": 0, "roles": 0}
    organization = estate.get("organization", {})

    def walk(ous: list[dict[str, Any]]) -> None:
        for ou in ous:
            totals["accounts"] += len(ou.get("accounts", []))
            walk(ou.get("ous", []))

    walk(organization.get("ous", []))
    totals["accounts"] += len(organization.get("root_accounts", []))
    for spec in estate.get("accounts", {}).values():
        totals["buckets"] += len(spec.get("buckets", []))
        totals["users"] += len(spec.get("iam_users", []))
        totals["roles"] += len(spec.get("iam_roles", []))
        for vpc in spec.get("vpcs", []):
            totals["instances"] += sum(i.get("count", 1) for i in vpc.get("instances", []))
    totals["assignments"] = len(estate.get("identity_center", {}).get("assignments", []))
    return totals


def _ou(entry: dict[str, Any]) -> dict[str, Any]:
    ou: dict[str, Any] = {"name": entry["name"], "accounts": []}
    if entry.get("ous"):
        ou["ous"] = [_ou(child) for child in entry["ous"]]
    return ou


def _by_name(ous: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for ou in ous:
        found[ou["name"]] = ou
        found.update(_by_name(ou.get("ous", [])))
    return found


def _split(total: int, parts: int) -> list[int]:
    """``total`` spread over ``parts`` as evenly as whole numbers allow, the first ones larger."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _account(
    index: int,
    key: str,
    regions: list[str],
    counts: dict[str, int],
    rng: random.Random,
    tag: str,
) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "s3_account_public_access_block": index % 3 != 2,
        "iam_root": {"mfa": index % 7 != 6, "access_keys": index % 11 == 10},
    }
    if index % 2 == 0:
        spec["iam_password_policy"] = {
            "minimum_length": 14,
            "require_symbols": True,
            "require_numbers": True,
            "require_uppercase": True,
            "require_lowercase": True,
            "max_age_days": 90,
            "reuse_prevention": 24,
        }
    spec["buckets"] = [
        _bucket(index, n, regions[n % len(regions)], rng, tag) for n in range(counts["buckets"])
    ]
    spec["vpcs"] = [
        _vpc(index, r, region, count)
        for r, (region, count) in enumerate(
            zip(regions, _split(counts["instances"], len(regions)), strict=True)
        )
    ]
    spec["iam_users"] = [_user(n, rng, key) for n in range(counts["users"])]
    spec["iam_roles"] = [_role(n, key) for n in range(counts["roles"])]
    spec["ebs_encryption_by_default"] = regions[: 1 + index % len(regions)]
    return spec


def _bucket(account: int, n: int, region: str, rng: random.Random, tag: str) -> dict[str, Any]:
    bucket: dict[str, Any] = {
        "name": f"syn-{tag}-{account:03d}-{n:04d}",
        "region": region,
        "encryption": _ENCRYPTIONS[(account + n) % len(_ENCRYPTIONS)],
        "versioning": rng.random() < 0.6,
        "public_access_block": rng.random() < 0.8,
    }
    if n % 25 == 7:
        bucket["acl"] = "public-read"
        bucket["ownership"] = "ObjectWriter"
    if n % 10 == 3:
        bucket["policy"] = "tls-only"
    return bucket


def _vpc(account: int, r: int, region: str, instances: int) -> dict[str, Any]:
    cidr = f"10.{(account * 4 + r) % 256}"
    app, web = _split(instances, 2)
    vpc: dict[str, Any] = {
        "name": f"vpc-{account:03d}-{r}",
        "region": region,
        "cidr": f"{cidr}.0.0/16",
        "subnets": [
            {"name": f"public-{account:03d}-{r}", "cidr": f"{cidr}.0.0/20", "public": True},
            {"name": f"private-{account:03d}-{r}", "cidr": f"{cidr}.128.0/20"},
        ],
        "security_groups": [
            {
                "name": f"web-{account:03d}-{r}",
                "description": "HTTPS from the internet",
                "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "0.0.0.0/0"}],
            },
            {
                "name": f"app-{account:03d}-{r}",
                "description": "App tier from the VPC",
                "ingress": [{"protocol": "tcp", "ports": 8080, "cidr": f"{cidr}.0.0/16"}],
            },
        ],
        "instances": [],
    }
    if account % 5 == 4:
        vpc["security_groups"][0]["ingress"].append(
            {"protocol": "tcp", "ports": 22, "cidr": "0.0.0.0/0"}
        )
    if web:
        vpc["instances"].append(
            {
                "name": f"web-{account:03d}-{r}",
                "subnet": f"public-{account:03d}-{r}",
                "type": "t3.small",
                "security_groups": [f"web-{account:03d}-{r}"],
                "public_ip": True,
                "imds_v2": account % 3 != 1,
                "count": web,
            }
        )
    if app:
        vpc["instances"].append(
            {
                "name": f"app-{account:03d}-{r}",
                "subnet": f"private-{account:03d}-{r}",
                "type": "m5.large",
                "security_groups": [f"app-{account:03d}-{r}"],
                "count": app,
            }
        )
    return vpc


def _user(n: int, rng: random.Random, key: str) -> dict[str, Any]:
    """Users; in every ten, user 3 may assume role 2 (which can escalate) and user 7 may write
    policy versions: privilege-escalation paths for the access benchmark."""
    user: dict[str, Any] = {"name": f"user-{n:04d}"}
    if n % 2 == 0:
        user["access_keys"] = 1
        user["access_key_age_days"] = rng.choice([10, 45, 120, 400])
    if n % 4 == 1:
        user["console"] = True
    if n % 8 == 5:
        user["policies"] = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    if n % 10 == 3:
        user["inline_policy"] = _allow(("sts:AssumeRole", _arn(key, "role", n - 1)))
    if n % 10 == 7:
        user["inline_policy"] = _allow(("iam:CreatePolicyVersion", "*"))
    return user


def _role(n: int, key: str) -> dict[str, Any]:
    """Roles; in every ten, role 1 is an administrator Lambda may run as, and role 2 (trusting
    user 3) may pass it to a new function: the PassRole escalation."""
    role: dict[str, Any] = {"name": f"role-{n:04d}"}
    if n % 5 == 4:
        role["trust_account"] = "999988887777"
    else:
        role["trust_service"] = "lambda.amazonaws.com"
    if n % 3 == 0:
        role["policies"] = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    if n % 10 == 1:
        role["policies"] = ["arn:aws:iam::aws:policy/AdministratorAccess"]
    if n % 10 == 2:
        role.pop("trust_service", None)
        role["trust_policy"] = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": _arn(key, "user", n + 1)},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
        role["inline_policy"] = _allow(
            ("iam:PassRole", _arn(key, "role", n - 1)),
            ("lambda:CreateFunction", "*"),
            ("lambda:InvokeFunction", "*"),
        )
    return role


def _arn(key: str, kind: str, n: int) -> str:
    return f"arn:aws:iam::{{account:{key}}}:{kind}/{kind}-{n:04d}"


def _allow(*grants: tuple[str, str]) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": a, "Resource": r} for a, r in grants],
    }


def _identity_center(region: str, keys: list[str], per_account: int) -> dict[str, Any]:
    users = [
        {
            "user_name": f"sso-user-{n:02d}",
            "display_name": f"Synthetic User{n:02d}",
            "email": f"sso-user-{n:02d}@example.com",
        }
        for n in range(_SSO_USERS)
    ]
    groups = [
        {
            "name": name,
            "description": name,
            "members": [u["user_name"] for k, u in enumerate(users) if k % len(_GROUPS) == g],
        }
        for g, name in enumerate(_GROUPS)
    ]
    principals = [("group", g) for g in _GROUPS] + [("user", u["user_name"]) for u in users]
    pairs = [(pset[0], p) for p in principals for pset in _PERMISSION_SETS]
    assignments = []
    for a, key in enumerate(keys):
        # 7 is prime to len(pairs) (48): an account never gets the same pair twice.
        for k in range(per_account):
            pset, (kind, name) = pairs[(a + k * 7) % len(pairs)]
            assignments.append({"account": key, "permission_set": pset, kind: name})
    return {
        "region": region,
        "users": users,
        "groups": groups,
        "permission_sets": [
            {"name": name, "session_duration": duration, "managed_policies": [policy]}
            for name, duration, policy in _PERMISSION_SETS
        ],
        "assignments": assignments,
    }
