"""Estate files: the YAML that declares an emulated organization, checked before anything runs.

An estate names the organization (OUs, accounts, SCPs), IAM Identity Center, and per account its
buckets, VPCs and IAM principals. ``planted:`` on any resource lists the misconfigurations made
there on purpose; they become the ground truth that tests compare findings with. A key the
schema does not know is an error naming the key and where it stands.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError

PLANTED = [str]
ACCOUNT = {"key": str, "name": str, "email": str, "planted": PLANTED}
OU: dict[str, Any] = {"name": str, "accounts": [ACCOUNT], "planted": PLANTED}
OU["ous"] = [OU]
POLICY = {"name": str, "description": str, "content": dict, "targets": [str], "planted": PLANTED}
BUCKET = {
    "name": str,
    "region": str,
    "acl": str,
    "policy": str,
    "encryption": str,
    "versioning": bool,
    "logging": str,
    "public_access_block": bool,
    "ownership": str,
    "planted": PLANTED,
}
RULE = {"protocol": str, "ports": (int, str), "cidr": str, "description": str}
SECURITY_GROUP = {"name": str, "description": str, "ingress": [RULE], "planted": PLANTED}
SUBNET = {"name": str, "cidr": str, "public": bool, "zone": str, "planted": PLANTED}
INSTANCE = {
    "name": str,
    "subnet": str,
    "type": str,
    "security_groups": [str],
    "public_ip": bool,
    "imds_v2": bool,
    "instance_profile": str,
    #: Launch this many alike (one RunInstances): synthetic estates use it for size.
    "count": int,
    "planted": PLANTED,
}
VPC = {
    "name": str,
    "region": str,
    "cidr": str,
    "subnets": [SUBNET],
    "security_groups": [SECURITY_GROUP],
    "instances": [INSTANCE],
    "nat_gateway": bool,
    "flow_logs": str,
    "planted": PLANTED,
}
IAM_USER = {
    "name": str,
    "access_keys": int,
    "access_key_age_days": int,
    "mfa": bool,
    "console": bool,
    "policies": [str],
    "inline_policy": dict,
    "planted": PLANTED,
}
IAM_ROLE = {
    "name": str,
    "trust_service": str,
    "trust_account": str,
    "policies": [str],
    "planted": PLANTED,
}
IAM_GROUP = {"name": str, "users": [str], "policies": [str], "planted": PLANTED}
IAM_POLICY = {"name": str, "description": str, "document": dict, "planted": PLANTED}
PASSWORD_POLICY = {
    "minimum_length": int,
    "require_symbols": bool,
    "require_numbers": bool,
    "require_uppercase": bool,
    "require_lowercase": bool,
    "max_age_days": int,
    "reuse_prevention": int,
    "planted": PLANTED,
}
IAM_ROOT = {"mfa": bool, "access_keys": bool, "planted": PLANTED}
VOLUME = {"name": str, "region": str, "size": int, "encrypted": bool, "planted": PLANTED}
KMS_KEY = {"alias": str, "region": str, "description": str, "rotation": bool, "planted": PLANTED}
TRAIL = {
    "name": str,
    "region": str,
    "bucket": str,
    "multi_region": bool,
    "log_validation": bool,
    "kms_key": str,
    "logging": bool,
    "planted": PLANTED,
}
RDS_INSTANCE = {
    "id": str,
    "region": str,
    "engine": str,
    "instance_class": str,
    "public": bool,
    "encrypted": bool,
    "multi_az": bool,
    "planted": PLANTED,
}
RDS_CLUSTER = {"id": str, "region": str, "engine": str, "encrypted": bool, "planted": PLANTED}
RDS_SNAPSHOT = {"id": str, "instance": str, "public": bool, "planted": PLANTED}
LAMBDA_FUNCTION = {
    "name": str,
    "region": str,
    "runtime": str,
    "role": str,
    "url_auth": str,
    "public_policy": bool,
    "planted": PLANTED,
}
RESOURCES = {
    "s3_account_public_access_block": bool,
    "buckets": [BUCKET],
    "vpcs": [VPC],
    "volumes": [VOLUME],
    "ebs_encryption_by_default": [str],
    "iam_root": IAM_ROOT,
    "iam_password_policy": PASSWORD_POLICY,
    "iam_policies": [IAM_POLICY],
    "iam_users": [IAM_USER],
    "iam_groups": [IAM_GROUP],
    "iam_roles": [IAM_ROLE],
    "kms_keys": [KMS_KEY],
    "cloudtrail_trails": [TRAIL],
    "rds_instances": [RDS_INSTANCE],
    "rds_clusters": [RDS_CLUSTER],
    "rds_snapshots": [RDS_SNAPSHOT],
    "lambda_functions": [LAMBDA_FUNCTION],
}
SSO_USER = {"user_name": str, "display_name": str, "email": str, "planted": PLANTED}
SSO_GROUP = {"name": str, "description": str, "members": [str], "planted": PLANTED}
PERMISSION_SET = {
    "name": str,
    "description": str,
    "session_duration": str,
    "managed_policies": [str],
    "inline_policy": dict,
    "planted": PLANTED,
}
ASSIGNMENT = {"account": str, "permission_set": str, "group": str, "user": str, "planted": PLANTED}
#: A FAIL that is a default of the estate rather than planted: check id, account key (or *),
#: resource pattern (fnmatch), and why it is accepted.
EXPECTED = {"check": str, "account": str, "resource": str, "reason": str}
SCHEMA = {
    "description": str,
    "seed": int,
    #: Accounts seeded at once (default 1: one after another, so moto's ids are the same on
    #: every run; more is faster, with ids that vary).
    "seed_workers": int,
    "regions": [str],
    "organization": {
        "management": ACCOUNT,
        "ous": [OU],
        "root_accounts": [ACCOUNT],
        "policies": [POLICY],
    },
    "identity_center": {
        "region": str,
        "users": [SSO_USER],
        "groups": [SSO_GROUP],
        "permission_sets": [PERMISSION_SET],
        "assignments": [ASSIGNMENT],
    },
    "accounts": ("map", RESOURCES),
    "faults": {"access_denied": [[str]], "unassumable_accounts": [str]},
    "expected_findings": [EXPECTED],
}


def bundled_estates() -> Traversable:
    """The estates shipped inside the package: found through the import system, so they are
    there from a wheel as well as from a checkout."""
    return files("toolkit") / "data" / "estates"


def estate_path(estate: str | Path) -> Path | Traversable:
    """A bundled estate by name (``demo``) or a YAML file by path."""
    path = Path(estate)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise UsageError(
                f"Estate file {path} does not exist; give a YAML file or a bundled name."
            )
        return path
    folder = bundled_estates()
    bundled = folder / f"{estate}.yaml"
    if not bundled.is_file():
        names = ", ".join(
            sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
        )
        raise UsageError(f"Unknown estate {estate!r}; use one of {names} or a path to a YAML file.")
    return bundled


def load_estate(estate: str | Path | dict[str, Any]) -> dict[str, Any]:
    """Read and check an estate; every error names the key and its place in the file."""
    if isinstance(estate, dict):
        data, source = estate, "<estate>"
    else:
        path = estate_path(estate)
        source = str(path)
        try:
            data = yaml.safe_load(path.read_text())
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise UsageError(
                f"Estate file {source} is not readable YAML ({exc}); fix the file."
            ) from None
    if not isinstance(data, dict):
        raise UsageError(f"Estate file {source} must hold a mapping at the top; fix the file.")
    _check(data, SCHEMA, "", source)
    _check_references(data, source)
    return data


def _check(value: Any, spec: Any, where: str, source: str) -> None:
    place = where or "the top level"
    if isinstance(spec, tuple) and spec and spec[0] == "map":
        if not isinstance(value, dict):
            raise UsageError(f"{source}: {place} must be a mapping; fix the estate file.")
        for key, item in value.items():
            _check(item, spec[1], f"{where}.{key}" if where else str(key), source)
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            raise UsageError(f"{source}: {place} must be a mapping; fix the estate file.")
        for key, item in value.items():
            if key not in spec:
                raise UsageError(
                    f"{source}: unknown key {key!r} at {place}; allowed keys are "
                    f"{', '.join(sorted(spec))}."
                )
            _check(item, spec[key], f"{where}.{key}" if where else key, source)
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise UsageError(f"{source}: {place} must be a list; fix the estate file.")
        for index, item in enumerate(value):
            _check(item, spec[0], f"{where}[{index}]", source)
    else:
        types = spec if isinstance(spec, tuple) else (spec,)
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            expected = " or ".join(t.__name__ for t in types)
            raise UsageError(
                f"{source}: {place} must be a {expected}, not {value!r}; fix the estate file."
            )


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


def _check_references(data: dict[str, Any], source: str) -> None:
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
