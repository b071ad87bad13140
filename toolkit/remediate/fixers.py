"""Fixers: for a failing check, the one AWS write that fixes a resource, declared as data.

Each fixer names the check it answers, the write (service, operation, parameters built from the
finding and, where needed, the inventory), the read that tells whether the resource is already
compliant (so a re-run skips it), the equivalent AWS CLI command, what the change does, what it
might break, and which inventory columns it changes (so a test can prove nothing else did).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..checks.ec2 import ADMIN_PORTS
from ..checks.iam import MIN_PASSWORD_LENGTH, PASSWORD_REUSE_PREVENTION
from ..checks.s3 import PAB_FLAGS

if TYPE_CHECKING:
    from ..inventory import Inventory

ALL_BLOCKED = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
#: CIS v3.0.0 1.8 and 1.9, plus the character classes AWS FSBP IAM.7 asks for.
PASSWORD_POLICY = {
    "MinimumPasswordLength": MIN_PASSWORD_LENGTH,
    "RequireSymbols": True,
    "RequireNumbers": True,
    "RequireUppercaseCharacters": True,
    "RequireLowercaseCharacters": True,
    "AllowUsersToChangePassword": True,
    "MaxPasswordAge": 90,
    "PasswordReusePrevention": PASSWORD_REUSE_PREVENTION,
}


@dataclass(frozen=True)
class Action:
    check_id: str
    account_id: str
    region: str
    resource_id: str
    service: str
    operation: str
    parameters: dict[str, Any]
    cli: str
    effect: str
    risk: str


@dataclass(frozen=True)
class Fixer:
    checks: tuple[str, ...]
    build: Callable[[pd.Series, Inventory | None], list[Action]]
    #: (read operation, its parameters from the action, is-compliant test on the answer)
    read: Callable[[Action], tuple[str, dict[str, Any]]]
    compliant: Callable[[Action, dict[str, Any] | None], bool]
    #: the inventory tables and columns the write changes, derived ones included
    changes: tuple[tuple[str, tuple[str, ...]], ...]
    #: AWS error codes of the read that mean "not configured" (not compliant, not an error)
    absent: tuple[str, ...] = ()


def _action(
    row: pd.Series,
    service: str,
    operation: str,
    parameters: dict[str, Any],
    cli: str,
    effect: str,
    risk: str,
    resource: str | None = None,
) -> Action:
    return Action(
        check_id=str(row["check_id"]),
        account_id=str(row["account_id"]),
        region=str(row["region"]),
        resource_id=str(resource if resource is not None else row["resource_id"]),
        service=service,
        operation=operation,
        parameters=parameters,
        cli=cli,
        effect=effect,
        risk=risk,
    )


def _bucket_pab(row: pd.Series, inv: Inventory | None) -> list[Action]:
    bucket = row["resource_id"]
    return [
        _action(
            row, "s3", "put_public_access_block",
            {"Bucket": bucket, "PublicAccessBlockConfiguration": ALL_BLOCKED},
            f"aws s3api put-public-access-block --bucket {bucket} --public-access-block-configuration "
            "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            "Public ACLs and policies on the bucket stop granting access.",
            "A bucket that serves a public website or public downloads stops serving them.",
        )
    ]  # fmt: skip


def _account_pab(row: pd.Series, inv: Inventory | None) -> list[Action]:
    account = row["account_id"]
    return [
        _action(
            row, "s3control", "put_public_access_block",
            {"AccountId": account, "PublicAccessBlockConfiguration": ALL_BLOCKED},
            f"aws s3control put-public-access-block --account-id {account} "
            "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
            "BlockPublicPolicy=true,RestrictPublicBuckets=true",
            "No bucket of the account can be made public.",
            "Every public bucket of the account stops being public, websites included.",
        )
    ]  # fmt: skip


def _encryption(row: pd.Series, inv: Inventory | None) -> list[Action]:
    bucket = row["resource_id"]
    config = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
    return [
        _action(
            row, "s3", "put_bucket_encryption",
            {"Bucket": bucket, "ServerSideEncryptionConfiguration": config},
            f"aws s3api put-bucket-encryption --bucket {bucket} "
            f"--server-side-encryption-configuration '{json.dumps(config)}'",
            "New objects are encrypted with SSE-S3 by default.",
            "None for readers; existing objects stay as they are.",
        )
    ]  # fmt: skip


def _versioning(row: pd.Series, inv: Inventory | None) -> list[Action]:
    bucket = row["resource_id"]
    return [
        _action(
            row, "s3", "put_bucket_versioning",
            {"Bucket": bucket, "VersioningConfiguration": {"Status": "Enabled"}},
            f"aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration Status=Enabled",
            "Overwritten and deleted objects keep their earlier versions.",
            "Storage grows with every overwrite; add a lifecycle rule for old versions.",
        )
    ]  # fmt: skip


def _ebs_default(row: pd.Series, inv: Inventory | None) -> list[Action]:
    return [
        _action(
            row, "ec2", "enable_ebs_encryption_by_default", {},
            f"aws ec2 enable-ebs-encryption-by-default --region {row['region']}",
            "New EBS volumes in the region are encrypted.",
            "Instance types or AMIs that cannot use encrypted volumes fail to launch.",
        )
    ]  # fmt: skip


def _admin_ingress(row: pd.Series, inv: Inventory | None) -> list[Action]:
    """Revoke exactly the rules that open 22 or 3389 to the internet (needs the inventory)."""
    if inv is None or "ec2.security_group_rules" not in inv:
        return []
    rules = inv["ec2.security_group_rules"]
    group = row["resource_id"]
    mine = rules[
        (rules["group_id"] == group)
        & (rules["direction"] == "ingress")
        & rules["open_to_internet"].fillna(False)
        & (rules["account_id"] == row["account_id"])
    ]
    actions = []
    for rule in mine.itertuples():
        everything = rule.protocol == "-1"
        low = 0 if everything else int(rule.from_port)
        high = 65535 if everything else int(rule.to_port)
        if not any(low <= port <= high for port in ADMIN_PORTS) or rule.protocol not in (
            "tcp",
            "-1",
            "6",
        ):
            continue
        ipv4 = isinstance(rule.cidr_ipv4, str)
        source = rule.cidr_ipv4 if ipv4 else rule.cidr_ipv6
        rule_id = getattr(rule, "security_group_rule_id", None)
        if isinstance(rule_id, str):  # AWS's id names exactly this rule
            parameters: dict[str, Any] = {"GroupId": group, "SecurityGroupRuleIds": [rule_id]}
            named = f"--security-group-rule-ids {rule_id}"
        else:  # an inventory without rule ids: the permission, with this one source
            permission: dict[str, Any] = {"IpProtocol": rule.protocol}
            if not everything:
                permission.update(FromPort=int(rule.from_port), ToPort=int(rule.to_port))
            ranges = ("IpRanges", "CidrIp") if ipv4 else ("Ipv6Ranges", "CidrIpv6")
            permission[ranges[0]] = [{ranges[1]: source}]
            parameters = {"GroupId": group, "IpPermissions": [permission]}
            named = f"--ip-permissions '{json.dumps(permission)}'"
        ports = "all ports" if everything else f"{rule.protocol} {low}-{high}"
        actions.append(
            _action(
                row, "ec2", "revoke_security_group_ingress", parameters,
                f"aws ec2 revoke-security-group-ingress --region {row['region']} --group-id {group} "
                f"{named}",
                f"{ports} from {source} is no longer allowed into {group}.",
                "Anyone who administers these instances from the internet loses access; use SSM "
                "Session Manager or a VPN.",
            )
        )  # fmt: skip
    return actions


def _password_policy(row: pd.Series, inv: Inventory | None) -> list[Action]:
    return [
        _action(
            row, "iam", "update_account_password_policy", dict(PASSWORD_POLICY),
            "aws iam update-account-password-policy --minimum-password-length 14 --require-symbols "
            "--require-numbers --require-uppercase-characters --require-lowercase-characters "
            "--allow-users-to-change-password --max-password-age 90 --password-reuse-prevention 24",
            "IAM user passwords follow CIS 1.8 and 1.9.",
            "Users whose password is older than 90 days must change it at their next sign-in.",
            resource=row["account_id"],
        )
    ]  # fmt: skip


def _kms_rotation(row: pd.Series, inv: Inventory | None) -> list[Action]:
    key = row["resource_id"]
    return [
        _action(
            row, "kms", "enable_key_rotation", {"KeyId": key},
            f"aws kms enable-key-rotation --region {row['region']} --key-id {key}",
            "The key's material rotates every year; old material still decrypts.",
            "None for users of the key.",
        )
    ]  # fmt: skip


def _trail_validation(row: pd.Series, inv: Inventory | None) -> list[Action]:
    trail = row["resource_id"]
    return [
        _action(
            row, "cloudtrail", "update_trail", {"Name": trail, "EnableLogFileValidation": True},
            f"aws cloudtrail update-trail --region {row['region']} --name {trail} --enable-log-file-validation",
            "CloudTrail writes signed digest files, so log tampering can be detected.",
            "A small amount of extra storage in the trail's bucket.",
        )
    ]  # fmt: skip


def _stale_keys(row: pd.Series, inv: Inventory | None) -> list[Action]:
    """Deactivate (never delete) the user's active keys unused for 90 days (needs the inventory)."""
    if inv is None or "iam.access_keys" not in inv:
        return []
    keys = inv["iam.access_keys"]
    mine = keys[
        (keys["account_id"] == row["account_id"])
        & (keys["user_name"] == row["resource_id"])
        & (keys["status"] == "Active")
    ]
    started = pd.Timestamp(inv.meta.get("started") or pd.Timestamp.now(tz="UTC"))
    last = mine["last_used_date"].fillna(mine["create_date"])
    stale = mine[(started - last) > pd.Timedelta(days=90)]
    return [
        _action(
            row, "iam", "update_access_key",
            {"UserName": key.user_name, "AccessKeyId": key.access_key_id, "Status": "Inactive"},
            f"aws iam update-access-key --user-name {key.user_name} --access-key-id "
            f"{key.access_key_id} --status Inactive",
            f"Access key {key.access_key_id} stops working; it can be re-activated.",
            "A forgotten job that still uses the key fails; re-activate it if so.",
            resource=key.access_key_id,
        )
        for key in stale.itertuples()
    ]  # fmt: skip


def _pab_read(action: Action) -> tuple[str, dict[str, Any]]:
    if action.service == "s3control":
        return "get_public_access_block", {"AccountId": action.account_id}
    return "get_public_access_block", {"Bucket": action.resource_id}


def _pab_ok(action: Action, answer: dict[str, Any] | None) -> bool:
    config = (answer or {}).get("PublicAccessBlockConfiguration", {})
    return all(config.get(key) for key in ALL_BLOCKED)


def _group_read(action: Action) -> tuple[str, dict[str, Any]]:
    group = action.parameters["GroupId"]
    if "SecurityGroupRuleIds" in action.parameters:
        return "describe_security_group_rules", {
            "Filters": [{"Name": "group-id", "Values": [group]}]
        }
    return "describe_security_groups", {"GroupIds": [group]}


def _key_read(action: Action) -> tuple[str, dict[str, Any]]:
    return "list_access_keys", {"UserName": action.parameters["UserName"]}


def _rule_gone(action: Action, answer: dict[str, Any] | None) -> bool:
    """The revoked rule (or permission) is no longer among the group's ingress rules."""
    if "SecurityGroupRuleIds" in action.parameters:
        held = {r.get("SecurityGroupRuleId") for r in (answer or {}).get("SecurityGroupRules", [])}
        return not held & set(action.parameters["SecurityGroupRuleIds"])
    wanted = action.parameters["IpPermissions"][0]
    groups = (answer or {}).get("SecurityGroups", [])
    for permission in groups[0].get("IpPermissions", []) if groups else []:
        same_ports = all(
            permission.get(k) == wanted.get(k) for k in ("IpProtocol", "FromPort", "ToPort")
        )
        ranges = {r.get("CidrIp") for r in permission.get("IpRanges", [])} | {
            r.get("CidrIpv6") for r in permission.get("Ipv6Ranges", [])
        }
        source = (wanted.get("IpRanges") or [{}])[0].get("CidrIp") or (
            wanted.get("Ipv6Ranges") or [{}]
        )[0].get("CidrIpv6")
        if same_ports and source in ranges:
            return False
    return True


def _key_inactive(action: Action, answer: dict[str, Any] | None) -> bool:
    for key in (answer or {}).get("AccessKeyMetadata", []):
        if key["AccessKeyId"] == action.parameters["AccessKeyId"]:
            return key["Status"] == "Inactive"
    return True  # the key is gone: nothing left to deactivate


NO_PAB = ("NoSuchPublicAccessBlockConfiguration",)


def PAB_COLUMNS(prefix: str) -> tuple[str, ...]:  # noqa: N802 - reads as a constant
    return tuple(f"{prefix}{name}" for name in ("configured", *PAB_FLAGS))


FIXERS: tuple[Fixer, ...] = (
    Fixer(("s3_bucket_public_access_block_missing", "s3_bucket_public_access"), _bucket_pab,
          _pab_read, _pab_ok, (("s3.buckets", PAB_COLUMNS("pab_")),), NO_PAB),
    Fixer(("s3_account_public_access_block_missing",), _account_pab, _pab_read, _pab_ok,
          (("s3.account_public_access_block", PAB_COLUMNS("")),
           ("s3.buckets", PAB_COLUMNS("account_pab_"))), NO_PAB),
    Fixer(("s3_bucket_default_encryption_missing",), _encryption,
          lambda a: ("get_bucket_encryption", {"Bucket": a.resource_id}),
          lambda a, r: bool((r or {}).get("ServerSideEncryptionConfiguration", {}).get("Rules")),
          (("s3.buckets", ("encryption",)),), ("ServerSideEncryptionConfigurationNotFoundError",)),
    Fixer(("s3_bucket_versioning_disabled",), _versioning,
          lambda a: ("get_bucket_versioning", {"Bucket": a.resource_id}),
          lambda a, r: (r or {}).get("Status") == "Enabled", (("s3.buckets", ("versioning",)),)),
    Fixer(("ec2_ebs_encryption_by_default_disabled",), _ebs_default,
          lambda a: ("get_ebs_encryption_by_default", {}),
          lambda a, r: bool((r or {}).get("EbsEncryptionByDefault")),
          (("ec2.ebs_encryption_by_default", ("enabled",)),)),
    Fixer(("ec2_security_group_open_admin_port", "ec2_security_group_open_all_ports"), _admin_ingress,
          _group_read, _rule_gone,
          (("ec2.security_group_rules", ("*",)), ("ec2.security_groups", ("ingress_rule_count",)))),
    Fixer(("iam_password_policy_missing", "iam_password_policy_weak",
           "iam_password_policy_minimum_length", "iam_password_policy_reuse_prevention"),
          _password_policy, lambda a: ("get_account_password_policy", {}),
          lambda a, r: all((r or {}).get("PasswordPolicy", {}).get(k) == v for k, v in PASSWORD_POLICY.items()),
          # a maximum age dates every password's next rotation in the credential report, as on AWS
          (("iam.password_policy", ("*",)), ("iam.credential_report", ("password_next_rotation",))),
          ("NoSuchEntity",)),
    Fixer(("kms_key_rotation_disabled",), _kms_rotation,
          lambda a: ("get_key_rotation_status", {"KeyId": a.resource_id}),
          lambda a, r: bool((r or {}).get("KeyRotationEnabled")), (("kms.keys", ("rotation_enabled",)),)),
    Fixer(("cloudtrail_log_file_validation_disabled",), _trail_validation,
          lambda a: ("get_trail", {"Name": a.resource_id}),
          lambda a, r: bool((r or {}).get("Trail", {}).get("LogFileValidationEnabled")),
          (("cloudtrail.trails", ("log_file_validation_enabled",)),)),
    Fixer(("iam_user_credentials_unused_90_days",), _stale_keys, _key_read, _key_inactive,
          (("iam.access_keys", ("status",)),
           ("iam.credential_report", ("access_key_1_active", "access_key_2_active")))),
)  # fmt: skip


def fixers_for(checks: Iterable[str] | None = None) -> dict[str, Fixer]:
    """check id -> its fixer, for the checks asked for (all with a fixer by default)."""
    table = {check: fixer for fixer in FIXERS for check in fixer.checks}
    if checks is None:
        return table
    wanted = set(checks)
    return {check: fixer for check, fixer in table.items() if check in wanted}
