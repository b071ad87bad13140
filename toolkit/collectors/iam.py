"""AWS IAM: users, groups, roles, customer managed policies, attachments, keys, MFA and reports.

IAM is global: every table is read once per account (``region`` is ``global``). Calls per
account (U users, K access keys, H users whose MFA device is not virtual, M users missing from
a stale credential report; list calls are one a page), each answer shared by every table that
needs it:

* GetAccountAuthorizationDetails (Filter User, Role, Group, LocalManagedPolicy): 1. Users with
  their groups and policies, groups, roles with trust policies and last use, customer managed
  policies with their versions: ``users``, ``groups``, ``roles``, ``policies`` and
  ``policy_attachments`` come from it, with no per-principal list calls.
* ListRoles: 1, for MaxSessionDuration, which the authorization details do not carry.
  ListPolicies (Scope Local): 1, only if the details leave policy ids out (AWS sends them; the
  sandbox's moto does not).
* GenerateCredentialReport and GetCredentialReport: 2 (GetCredentialReport is asked again,
  with a growing wait, while AWS answers ReportInProgress, for at most a minute). The report
  gives ``credential_report`` and the users' console password and MFA state.
* ListAccessKeys per user and GetAccessKeyLastUsed per key: U + K (``access_keys``).
* ListVirtualMFADevices (AssignmentStatus Any): 1; ListMFADevices per user whose report says MFA
  is active without a virtual device (hardware tokens, FIDO keys): H (``mfa_devices``).
* GetLoginProfile and ListMFADevices per user missing from the report: 2M, zero unless users
  were made since the report was generated (AWS reuses a report for four hours).
* GetAccountPasswordPolicy and GetAccountSummary: 1 each (NoSuchEntity for the password policy
  means "not configured": a row with ``configured`` False, not an error).
* Once per run, Organizations ListAccounts from the caller's account (1 a page of 20), to tell
  the organization's accounts from external ones in role trust policies.

So an account costs 7 + U + K + H (+ 2M) calls for all ten tables, and the run one more; for
the demo estate (7 accounts, 6 users, 4 access keys, no hardware MFA) that is 49 + 6 + 4 + 1 =
60 calls (61 against the sandbox, which needs one ListPolicies).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from .base import TableContext, bool_or_none, table

SERVICE = "iam"
DETAIL_FILTER = ["User", "Role", "Group", "LocalManagedPolicy"]
ROOT_USER = "<root_account>"
#: Credential report values that mean "no value": null in the tables.
REPORT_NULLS = frozenset({"", "N/A", "no_information", "not_supported"})
#: GetCredentialReport answers while the report is being made.
REPORT_PENDING = ("ReportInProgress", "ReportNotPresent")
REPORT_WAIT_SECONDS = 60.0
REPORT_FIRST_POLL_SECONDS = 0.5
REPORT_MAX_POLL_SECONDS = 5.0
NO_ENTITY = ("NoSuchEntity",)
ACCOUNT_ID = re.compile(r"^\d{12}$")

TIMESTAMP = "datetime64[ns, UTC]"
TAGS_DOC = "The tags as a JSON object (key to value)."
ATTACHED_DOC = "JSON list of the ARNs of the managed policies attached directly."
INLINE_DOC = "JSON list of the names of the inline policies."


# -- helpers -----------------------------------------------------------------------------------
def _json_list(values: Any) -> str:
    return json.dumps(sorted(set(values)))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return [value] if isinstance(value, str | dict) else list(value)


def _document(value: Any) -> Any:
    """A policy document as a dict (botocore decodes them; a URL-encoded string is decoded here)."""
    if not isinstance(value, str):
        return value
    for text in (value, unquote(value)):
        try:
            return json.loads(text)
        except ValueError:
            continue
    return value


def _document_json(value: Any) -> str | None:
    if value is None:
        return None
    document = _document(value)
    return document if isinstance(document, str) else json.dumps(document)


def _statements(document: Any) -> list[dict[str, Any]]:
    document = _document(document)
    if not isinstance(document, dict):
        return []
    return [s for s in _as_list(document.get("Statement")) if isinstance(s, dict)]


def _tags(resource: dict[str, Any]) -> str:
    return json.dumps(
        {tag["Key"]: tag.get("Value", "") for tag in resource.get("Tags") or []}, sort_keys=True
    )


def _attached(resource: dict[str, Any]) -> str:
    return _json_list(p["PolicyArn"] for p in resource.get("AttachedManagedPolicies") or [])


def _inline(resource: dict[str, Any], key: str) -> str:
    return _json_list(p["PolicyName"] for p in resource.get(key) or [])


def _report_bool(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get((value or "").strip().lower())


def _report_time(value: str | None) -> datetime | None:
    if value is None or value.strip() in REPORT_NULLS:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _not_na(value: str | None) -> str | None:
    return None if value is None or value.strip() in REPORT_NULLS else value


# -- shared reads ------------------------------------------------------------------------------
async def _client(ctx: TableContext) -> Any:
    return await ctx.client(SERVICE, "global")


async def _details(ctx: TableContext) -> dict[str, list[dict[str, Any]]]:
    """GetAccountAuthorizationDetails for users, groups, roles and customer managed policies."""

    async def fetch() -> dict[str, list[dict[str, Any]]]:
        client = await _client(ctx)
        found: dict[str, list[dict[str, Any]]] = {
            "UserDetailList": [],
            "GroupDetailList": [],
            "RoleDetailList": [],
            "Policies": [],
        }
        async for page in ctx.aws.pages(
            client, "get_account_authorization_details", Filter=DETAIL_FILTER
        ):
            for key, items in found.items():
                items.extend(page.get(key) or [])
        return found

    return await ctx.aws.memo(("iam.details", ctx.account_id), fetch)


async def _max_session_durations(ctx: TableContext) -> dict[str, int]:
    """Role ARN to MaxSessionDuration, from ListRoles (RoleDetail does not carry it)."""

    async def fetch() -> dict[str, int]:
        client = await _client(ctx)
        roles = await ctx.aws.items(client, "list_roles", "Roles")
        return {r["Arn"]: r["MaxSessionDuration"] for r in roles if "MaxSessionDuration" in r}

    return await ctx.aws.memo(("iam.list_roles", ctx.account_id), fetch)


async def _credential_report(ctx: TableContext) -> list[dict[str, str]]:
    """The credential report's rows: GenerateCredentialReport, then GetCredentialReport."""

    async def fetch() -> list[dict[str, str]]:
        client = await _client(ctx)
        await ctx.aws.call(client, "generate_credential_report")
        waited, delay = 0.0, REPORT_FIRST_POLL_SECONDS
        while True:
            answer = await ctx.aws.call_or(client, "get_credential_report", None, REPORT_PENDING)
            if answer is not None:
                break
            if waited >= REPORT_WAIT_SECONDS:
                raise TimeoutError(
                    f"The IAM credential report of account {ctx.account_id} was still being "
                    f"generated after {REPORT_WAIT_SECONDS:.0f} seconds."
                )
            await asyncio.sleep(delay)
            waited += delay
            delay = min(delay * 2, REPORT_MAX_POLL_SECONDS)
        content = answer.get("Content") or b""
        text = content.decode("utf-8") if isinstance(content, bytes) else str(content)
        return [dict(row) for row in csv.DictReader(io.StringIO(text)) if row.get("user")]

    return await ctx.aws.memo(("iam.credential_report", ctx.account_id), fetch)


async def _user_mfa_devices(ctx: TableContext, user_name: str) -> list[dict[str, Any]]:
    """ListMFADevices for one user (virtual and hardware devices alike)."""

    async def fetch() -> list[dict[str, Any]]:
        client = await _client(ctx)
        return await ctx.aws.items(client, "list_mfa_devices", "MFADevices", UserName=user_name)

    return await ctx.aws.memo(("iam.user_mfa", ctx.account_id, user_name), fetch)


async def _policy_ids(ctx: TableContext) -> dict[str, str]:
    """Policy ARN to id, from ListPolicies (Scope Local): only for answers that leave ids out."""

    async def fetch() -> dict[str, str]:
        client = await _client(ctx)
        listed = await ctx.aws.items(client, "list_policies", "Policies", Scope="Local")
        return {p["Arn"]: p["PolicyId"] for p in listed if p.get("PolicyId")}

    return await ctx.aws.memo(("iam.policy_ids", ctx.account_id), fetch)


async def _organization_accounts(ctx: TableContext) -> set[str]:
    """The organization's account ids and this account; only this one when not in an org."""

    async def fetch() -> list[str]:
        try:
            client = await ctx.aws.client("organizations", ctx.aws.caller_account, "global")
            listed = await ctx.aws.items(client, "list_accounts", "Accounts")
        except Exception:  # not in an organization, or not allowed to list it
            return []
        return sorted(account["Id"] for account in listed)

    try:
        ids = await ctx.aws.memo(("org.account_ids",), fetch)
    except Exception:  # another collector's reading of the same key failed
        ids = []
    return {*(ids or ()), ctx.account_id}


# -- users, groups, roles, policies ------------------------------------------------------------
@table(
    "iam.users",
    where="global",
    key=("arn",),
    calls=(
        "iam:GetAccountAuthorizationDetails",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:GetLoginProfile",
        "iam:ListMFADevices",
    ),
    columns=(
        ("user_name", "string", "The user's name."),
        ("user_id", "string", "The user's unique id (AIDA...)."),
        ("arn", "string", "The user's ARN."),
        ("path", "string", "The user's path, / by default."),
        ("create_date", TIMESTAMP, "When the user was created."),
        ("password_enabled", "boolean", "Whether the user has a console password."),
        ("password_last_used", TIMESTAMP, "When the console password was last used, if known."),
        ("mfa_active", "boolean", "Whether the user has an MFA device (virtual or hardware)."),
        ("attached_policy_arns", "string", ATTACHED_DOC),
        ("inline_policy_names", "string", INLINE_DOC),
        ("group_names", "string", "JSON list of the groups the user belongs to."),
        ("tags", "string", TAGS_DOC),
    ),
)
async def users(ctx: TableContext) -> list[dict[str, Any]]:
    """Every IAM user, with console password and MFA state, policies and groups."""
    details, report = await asyncio.gather(_details(ctx), _credential_report(ctx))
    by_user = {row["user"]: row for row in report}
    client = await _client(ctx)

    async def describe(user: dict[str, Any]) -> dict[str, Any]:
        name = user["UserName"]
        line = by_user.get(name)
        if line is not None:
            password_enabled = _report_bool(line.get("password_enabled"))
            password_last_used = _report_time(line.get("password_last_used"))
            mfa_active = _report_bool(line.get("mfa_active"))
        else:  # made since the report was generated: ask about this user alone
            profile, devices = await asyncio.gather(
                ctx.aws.call_or(client, "get_login_profile", None, NO_ENTITY, UserName=name),
                _user_mfa_devices(ctx, name),
            )
            password_enabled, password_last_used = profile is not None, None
            mfa_active = bool(devices)
        return {
            "user_name": name,
            "user_id": user.get("UserId"),
            "arn": user["Arn"],
            "path": user.get("Path"),
            "create_date": user.get("CreateDate"),
            "password_enabled": password_enabled,
            "password_last_used": password_last_used,
            "mfa_active": mfa_active,
            "attached_policy_arns": _attached(user),
            "inline_policy_names": _inline(user, "UserPolicyList"),
            "group_names": _json_list(user.get("GroupList") or []),
            "tags": _tags(user),
            "region": "global",
        }

    return list(await asyncio.gather(*(describe(u) for u in details["UserDetailList"])))


@table(
    "iam.groups",
    where="global",
    key=("arn",),
    calls=("iam:GetAccountAuthorizationDetails",),
    columns=(
        ("group_name", "string", "The group's name."),
        ("group_id", "string", "The group's unique id (AGPA...)."),
        ("arn", "string", "The group's ARN."),
        ("attached_policy_arns", "string", ATTACHED_DOC),
        ("inline_policy_names", "string", INLINE_DOC),
        ("member_count", "Int64", "How many users belong to the group."),
    ),
)
async def groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every IAM group, with its policies and how many users it has."""
    details = await _details(ctx)
    members: dict[str, int] = {}
    for user in details["UserDetailList"]:
        for name in set(user.get("GroupList") or []):
            members[name] = members.get(name, 0) + 1
    return [
        {
            "group_name": group["GroupName"],
            "group_id": group.get("GroupId"),
            "arn": group["Arn"],
            "attached_policy_arns": _attached(group),
            "inline_policy_names": _inline(group, "GroupPolicyList"),
            "member_count": members.get(group["GroupName"], 0),
            "region": "global",
        }
        for group in details["GroupDetailList"]
    ]


def _trust(document: Any, internal: set[str]) -> dict[str, Any]:
    """Who a trust policy lets assume the role: its Allow statements' principals."""
    services: set[str] = set()
    accounts: set[str] = set()
    federated = everyone = False
    for statement in _statements(document):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        if principal == "*":
            everyone = True
            continue
        if not isinstance(principal, dict):
            continue
        services.update(str(s) for s in _as_list(principal.get("Service")))
        federated = federated or bool(_as_list(principal.get("Federated")))
        for value in map(str, _as_list(principal.get("AWS"))):
            if value == "*":
                everyone = True
            elif ACCOUNT_ID.match(value):
                accounts.add(value)
            else:
                parts = value.split(":")
                if len(parts) > 4 and ACCOUNT_ID.match(parts[4]):
                    accounts.add(parts[4])
    return {
        "trusted_services": _json_list(services),
        "trusted_accounts": _json_list(accounts),
        "trusts_external_account": bool(accounts - internal),
        "trusts_federation": federated,
        "trusts_everyone": everyone,
    }


@table(
    "iam.roles",
    where="global",
    key=("arn",),
    calls=(
        "iam:GetAccountAuthorizationDetails",
        "iam:ListRoles",
        "organizations:ListAccounts",
    ),
    columns=(
        ("role_name", "string", "The role's name."),
        ("role_id", "string", "The role's unique id (AROA...)."),
        ("arn", "string", "The role's ARN."),
        ("path", "string", "The role's path; /aws-service-role/... for service-linked roles."),
        ("create_date", TIMESTAMP, "When the role was created."),
        ("trust_policy", "string", "The trust (assume role) policy document, JSON."),
        ("trusted_services", "string", "JSON list of the AWS services the role trusts."),
        (
            "trusted_accounts",
            "string",
            "JSON list of the account ids whose principals the role trusts (not '*').",
        ),
        (
            "trusts_external_account",
            "boolean",
            "Whether it trusts an account outside the organization (outside this account if "
            "the organization cannot be read).",
        ),
        ("trusts_federation", "boolean", "Whether it trusts a SAML or web identity provider."),
        ("trusts_everyone", "boolean", "Whether it trusts the principal '*'."),
        ("attached_policy_arns", "string", ATTACHED_DOC),
        ("inline_policy_names", "string", INLINE_DOC),
        ("max_session_duration", "Int64", "The longest session the role allows, in seconds."),
        ("last_used_date", TIMESTAMP, "When the role was last assumed, if AWS knows."),
        ("is_service_linked", "boolean", "Whether it is a service-linked role."),
    ),
)
async def roles(ctx: TableContext) -> list[dict[str, Any]]:
    """Every IAM role, with whom it trusts, its policies and when it was last used."""
    details, durations, internal = await asyncio.gather(
        _details(ctx), _max_session_durations(ctx), _organization_accounts(ctx)
    )
    rows = []
    for role in details["RoleDetailList"]:
        trust = role.get("AssumeRolePolicyDocument")
        path = role.get("Path") or "/"
        rows.append(
            {
                "role_name": role["RoleName"],
                "role_id": role.get("RoleId"),
                "arn": role["Arn"],
                "path": path,
                "create_date": role.get("CreateDate"),
                "trust_policy": _document_json(trust),
                **_trust(trust, internal),
                "attached_policy_arns": _attached(role),
                "inline_policy_names": _inline(role, "RolePolicyList"),
                "max_session_duration": durations.get(role["Arn"]),
                "last_used_date": (role.get("RoleLastUsed") or {}).get("LastUsedDate"),
                "is_service_linked": path.startswith("/aws-service-role/"),
                "region": "global",
            }
        )
    return rows


def _allows_full_admin(document: Any) -> bool:
    """An Allow of every action ("*") on every resource ("*") with no Condition."""
    for statement in _statements(document):
        if statement.get("Effect") != "Allow" or statement.get("Condition"):
            continue
        actions = {str(a) for a in _as_list(statement.get("Action"))}
        if actions & {"*", "*:*"} and "*" in _as_list(statement.get("Resource")):
            return True
    return False


@table(
    "iam.policies",
    where="global",
    key=("arn",),
    calls=("iam:GetAccountAuthorizationDetails", "iam:ListPolicies"),
    columns=(
        ("policy_name", "string", "The policy's name."),
        ("policy_id", "string", "The policy's unique id (ANPA...)."),
        ("arn", "string", "The policy's ARN."),
        ("path", "string", "The policy's path, / by default."),
        ("default_version_id", "string", "The version in force (v1, v2, ...)."),
        ("attachment_count", "Int64", "How many users, groups and roles it is attached to."),
        ("create_date", TIMESTAMP, "When the policy was created."),
        ("update_date", TIMESTAMP, "When its default version was last changed."),
        ("document", "string", "The default version's document, JSON."),
        (
            "allows_full_admin",
            "boolean",
            "Whether a statement allows Action '*' on Resource '*' with no Condition.",
        ),
    ),
)
async def policies(ctx: TableContext) -> list[dict[str, Any]]:
    """Every customer managed policy of the account, with its default version's document."""
    details = await _details(ctx)
    ids: dict[str, str] = {}
    if any(not policy.get("PolicyId") for policy in details["Policies"]):
        ids = await _policy_ids(ctx)
    rows = []
    for policy in details["Policies"]:
        default = policy.get("DefaultVersionId")
        versions = policy.get("PolicyVersionList") or []
        current = next(
            (v for v in versions if v.get("IsDefaultVersion") or v.get("VersionId") == default),
            None,
        )
        document = None if current is None else current.get("Document")
        rows.append(
            {
                "policy_name": policy.get("PolicyName") or policy["Arn"].rsplit("/", 1)[-1],
                "policy_id": policy.get("PolicyId") or ids.get(policy["Arn"]),
                "arn": policy["Arn"],
                "path": policy.get("Path"),
                "default_version_id": default,
                "attachment_count": policy.get("AttachmentCount"),
                "create_date": policy.get("CreateDate"),
                "update_date": policy.get("UpdateDate"),
                "document": _document_json(document),
                "allows_full_admin": _allows_full_admin(document),
                "region": "global",
            }
        )
    return rows


@table(
    "iam.policy_attachments",
    where="global",
    key=("principal_arn", "policy_type", "policy_name", "policy_arn"),
    calls=("iam:GetAccountAuthorizationDetails",),
    columns=(
        ("principal_type", "string", "user, group or role."),
        ("principal_name", "string", "The user's, group's or role's name."),
        ("principal_arn", "string", "The user's, group's or role's ARN."),
        ("policy_type", "string", "managed (attached) or inline (embedded in the principal)."),
        ("policy_name", "string", "The policy's name."),
        ("policy_arn", "string", "The managed policy's ARN; null for inline policies."),
        ("document", "string", "The inline policy's document, JSON; null for managed policies."),
    ),
)
async def policy_attachments(ctx: TableContext) -> list[dict[str, Any]]:
    """Every policy of every user, group and role: one row per (principal, policy)."""
    details = await _details(ctx)
    kinds = (
        ("user", "UserDetailList", "UserName", "UserPolicyList"),
        ("group", "GroupDetailList", "GroupName", "GroupPolicyList"),
        ("role", "RoleDetailList", "RoleName", "RolePolicyList"),
    )
    rows = []
    for kind, list_key, name_key, inline_key in kinds:
        for principal in details[list_key]:
            common = {
                "principal_type": kind,
                "principal_name": principal[name_key],
                "principal_arn": principal["Arn"],
                "region": "global",
            }
            for policy in principal.get("AttachedManagedPolicies") or []:
                rows.append(
                    {
                        **common,
                        "policy_type": "managed",
                        "policy_name": policy.get("PolicyName"),
                        "policy_arn": policy["PolicyArn"],
                        "document": None,
                    }
                )
            for policy in principal.get(inline_key) or []:
                rows.append(
                    {
                        **common,
                        "policy_type": "inline",
                        "policy_name": policy["PolicyName"],
                        "policy_arn": None,
                        "document": _document_json(policy.get("PolicyDocument")),
                    }
                )
    return rows


# -- credentials -------------------------------------------------------------------------------
@table(
    "iam.access_keys",
    where="global",
    key=("access_key_id",),
    calls=(
        "iam:GetAccountAuthorizationDetails",
        "iam:ListAccessKeys",
        "iam:GetAccessKeyLastUsed",
    ),
    columns=(
        ("user_name", "string", "The user the key belongs to."),
        ("access_key_id", "string", "The key's id (AKIA...)."),
        ("status", "string", "Active or Inactive."),
        ("create_date", TIMESTAMP, "When the key was created."),
        ("age_days", "Int64", "Whole days from create_date to the collection."),
        ("last_used_date", TIMESTAMP, "When the key was last used; null if never."),
        ("last_used_service", "string", "The service the key was last used with."),
        ("last_used_region", "string", "The region the key was last used in."),
    ),
)
async def access_keys(ctx: TableContext) -> list[dict[str, Any]]:
    """Every access key of every IAM user, with its age and last use."""
    details = await _details(ctx)
    client = await _client(ctx)
    now = datetime.now(UTC)

    async def describe(key: dict[str, Any]) -> dict[str, Any]:
        answer = await ctx.aws.call(
            client, "get_access_key_last_used", AccessKeyId=key["AccessKeyId"]
        )
        used = answer.get("AccessKeyLastUsed") or {}
        created = key.get("CreateDate")
        return {
            "user_name": key.get("UserName"),
            "access_key_id": key["AccessKeyId"],
            "status": key.get("Status"),
            "create_date": created,
            "age_days": None if created is None else (now - created).days,
            "last_used_date": used.get("LastUsedDate"),
            "last_used_service": _not_na(used.get("ServiceName")),
            "last_used_region": _not_na(used.get("Region")),
            "region": "global",
        }

    async def of_user(user: dict[str, Any]) -> list[dict[str, Any]]:
        keys = await ctx.aws.items(
            client, "list_access_keys", "AccessKeyMetadata", UserName=user["UserName"]
        )
        keys = [{"UserName": user["UserName"], **key} for key in keys]
        return list(await asyncio.gather(*(describe(key) for key in keys)))

    nested = await asyncio.gather(*(of_user(u) for u in details["UserDetailList"]))
    return [row for rows in nested for row in rows]


def _device_user(device: dict[str, Any]) -> str | None:
    user = device.get("User") or {}
    if user.get("UserName"):
        return user["UserName"]
    return ROOT_USER if str(user.get("Arn", "")).endswith(":root") else None


@table(
    "iam.mfa_devices",
    where="global",
    key=("account_id", "serial_number"),
    calls=(
        "iam:ListVirtualMFADevices",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:GetAccountAuthorizationDetails",
        "iam:ListMFADevices",
    ),
    columns=(
        (
            "user_name",
            "string",
            "The user the device is assigned to (<root_account> for the root user); null if "
            "unassigned.",
        ),
        ("serial_number", "string", "The device's serial number (an ARN for virtual devices)."),
        ("enable_date", TIMESTAMP, "When the device was assigned; null if unassigned."),
        ("type", "string", "virtual, or hardware (a TOTP token or FIDO security key)."),
    ),
)
async def mfa_devices(ctx: TableContext) -> list[dict[str, Any]]:
    """Every MFA device of the account: virtual ones, assigned or not, and users' hardware ones."""
    client = await _client(ctx)
    virtual, report, details = await asyncio.gather(
        ctx.aws.items(
            client, "list_virtual_mfa_devices", "VirtualMFADevices", AssignmentStatus="Any"
        ),
        _credential_report(ctx),
        _details(ctx),
    )
    rows = {
        device["SerialNumber"]: {
            "user_name": _device_user(device),
            "serial_number": device["SerialNumber"],
            "enable_date": device.get("EnableDate"),
            "type": "virtual",
            "region": "global",
        }
        for device in virtual
    }
    with_virtual = {row["user_name"] for row in rows.values() if row["user_name"]}
    by_user = {line["user"]: line for line in report}
    to_ask = [
        user["UserName"]
        for user in details["UserDetailList"]
        if user["UserName"] not in with_virtual
        and (
            user["UserName"] not in by_user
            or _report_bool(by_user[user["UserName"]].get("mfa_active"))
        )
    ]
    listed = await asyncio.gather(*(_user_mfa_devices(ctx, name) for name in to_ask))
    for name, devices in zip(to_ask, listed, strict=True):
        for device in devices:
            serial = device["SerialNumber"]
            if serial in rows:
                continue
            rows[serial] = {
                "user_name": device.get("UserName") or name,
                "serial_number": serial,
                "enable_date": device.get("EnableDate"),
                "type": "virtual" if ":mfa/" in serial else "hardware",
                "region": "global",
            }
    return list(rows.values())


REPORT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("user", "string", "The user's name; <root_account> for the root user."),
    ("arn", "string", "The user's ARN (arn:aws:iam::ACCOUNT:root for the root user)."),
    ("user_creation_time", TIMESTAMP, "When the user was created."),
    ("password_enabled", "boolean", "Whether the user has a console password (null for root)."),
    ("password_last_used", TIMESTAMP, "When the password was last used, if known."),
    ("password_last_changed", TIMESTAMP, "When the password was last set."),
    ("password_next_rotation", TIMESTAMP, "When the password policy requires a new one."),
    ("mfa_active", "boolean", "Whether an MFA device is enabled."),
    ("access_key_1_active", "boolean", "Whether the first access key is active."),
    ("access_key_1_last_rotated", TIMESTAMP, "When the first access key was made or rotated."),
    ("access_key_1_last_used_date", TIMESTAMP, "When the first access key was last used."),
    ("access_key_2_active", "boolean", "Whether the second access key is active."),
    ("access_key_2_last_rotated", TIMESTAMP, "When the second access key was made or rotated."),
    ("access_key_2_last_used_date", TIMESTAMP, "When the second access key was last used."),
    ("cert_1_active", "boolean", "Whether the first signing certificate is active."),
    ("cert_2_active", "boolean", "Whether the second signing certificate is active."),
)


@table(
    "iam.credential_report",
    where="global",
    key=("arn",),
    calls=("iam:GenerateCredentialReport", "iam:GetCredentialReport"),
    columns=REPORT_COLUMNS,
)
async def credential_report(ctx: TableContext) -> list[dict[str, Any]]:
    """The IAM credential report: one row per user, the root user (<root_account>) included."""
    rows = []
    for line in await _credential_report(ctx):
        row: dict[str, Any] = {"region": "global"}
        for name, dtype, _ in REPORT_COLUMNS:
            value = line.get(name)
            if dtype == "boolean":
                row[name] = _report_bool(value)
            elif dtype == TIMESTAMP:
                row[name] = _report_time(value)
            else:
                row[name] = _not_na(value)
        rows.append(row)
    return rows


# -- account settings --------------------------------------------------------------------------
@table(
    "iam.password_policy",
    where="global",
    key=("account_id",),
    calls=("iam:GetAccountPasswordPolicy",),
    columns=(
        ("configured", "boolean", "Whether the account has a password policy."),
        ("minimum_length", "Int64", "The shortest password allowed."),
        ("require_symbols", "boolean", "Whether passwords need a symbol."),
        ("require_numbers", "boolean", "Whether passwords need a digit."),
        ("require_uppercase", "boolean", "Whether passwords need an uppercase letter."),
        ("require_lowercase", "boolean", "Whether passwords need a lowercase letter."),
        ("allow_users_to_change", "boolean", "Whether users may change their own password."),
        ("max_age_days", "Int64", "Days a password lasts; null if passwords do not expire."),
        ("reuse_prevention", "Int64", "How many previous passwords may not be reused."),
        ("hard_expiry", "boolean", "Whether an expired password needs an administrator reset."),
    ),
)
async def password_policy(ctx: TableContext) -> list[dict[str, Any]]:
    """The account's password policy: one row per account, with configured False if none."""
    client = await _client(ctx)
    answer = await ctx.aws.call_or(client, "get_account_password_policy", None, NO_ENTITY)
    if answer is None:
        return [{"configured": False, "region": "global"}]
    policy = answer.get("PasswordPolicy") or {}
    return [
        {
            "configured": True,
            "minimum_length": policy.get("MinimumPasswordLength"),
            "require_symbols": bool_or_none(policy.get("RequireSymbols")),
            "require_numbers": bool_or_none(policy.get("RequireNumbers")),
            "require_uppercase": bool_or_none(policy.get("RequireUppercaseCharacters")),
            "require_lowercase": bool_or_none(policy.get("RequireLowercaseCharacters")),
            "allow_users_to_change": bool_or_none(policy.get("AllowUsersToChangePassword")),
            # AWS leaves MaxPasswordAge out when passwords do not expire; moto answers 0.
            "max_age_days": policy.get("MaxPasswordAge") or None,
            "reuse_prevention": policy.get("PasswordReusePrevention"),
            "hard_expiry": bool_or_none(policy.get("HardExpiry")),
            "region": "global",
        }
    ]


@table(
    "iam.account_summary",
    where="global",
    key=("account_id",),
    calls=("iam:GetAccountSummary",),
    columns=(
        ("root_mfa_enabled", "boolean", "Whether the root user has MFA (AccountMFAEnabled)."),
        (
            "root_access_keys_present",
            "boolean",
            "Whether the root user has access keys (AccountAccessKeysPresent).",
        ),
        ("users", "Int64", "How many IAM users the account has."),
        ("roles", "Int64", "How many IAM roles the account has."),
        ("groups", "Int64", "How many IAM groups the account has."),
        ("policies", "Int64", "How many customer managed policies the account has."),
        ("mfa_devices", "Int64", "How many MFA devices exist, assigned or not."),
        ("mfa_devices_in_use", "Int64", "How many MFA devices are assigned."),
    ),
)
async def account_summary(ctx: TableContext) -> list[dict[str, Any]]:
    """The account's IAM summary: root user MFA and access keys, and entity counts."""
    client = await _client(ctx)
    summary = (await ctx.aws.call(client, "get_account_summary")).get("SummaryMap") or {}
    return [
        {
            "root_mfa_enabled": bool_or_none(summary.get("AccountMFAEnabled")),
            "root_access_keys_present": bool_or_none(summary.get("AccountAccessKeysPresent")),
            "users": summary.get("Users"),
            "roles": summary.get("Roles"),
            "groups": summary.get("Groups"),
            "policies": summary.get("Policies"),
            "mfa_devices": summary.get("MFADevices"),
            "mfa_devices_in_use": summary.get("MFADevicesInUse"),
            "region": "global",
        }
    ]
