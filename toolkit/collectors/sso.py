"""IAM Identity Center: the instance, permission sets, users, groups, memberships, assignments.

Identity Center lives in one region of the management (or delegated administrator) account, so
every table here is read once, from the caller's account. The instance is found once per run and
shared by every table: one sso-admin ListInstances per region of the run, concurrently; the region(s)
that answer with an instance are where the rest is read, and each row's ``region`` is the
instance's. A region that fails is ignored when another answers with an instance; if none does,
the first failure is the table's error.

Calls per instance, each shared by all tables that need it (R regions, P permission sets,
U users, G groups, A accounts of the organization; list calls are one a page):

* permission sets: ListPermissionSets, then per set DescribePermissionSet,
  ListManagedPoliciesInPermissionSet, ListCustomerManagedPolicyReferencesInPermissionSet and
  GetInlinePolicyForPermissionSet: 1 + 4P.
* users and groups: identitystore ListUsers and ListGroups (1 each, 100 a page), then
  ListGroupMemberships per group: 2 + G.
* assignments: organizations ListAccounts (1 a page of 20), then ListAccountAssignments per
  (account, permission set): A x P, the one term that grows with the estate's size (100
  accounts and 30 permission sets: 3,000 calls, at most 8 in flight). It is listed per target,
  not per principal, because ListAccountAssignmentsForPrincipal (U + G calls) only finds
  principals that still exist: an assignment whose user or group was deleted is exactly what
  must show up here (``principal_exists`` False). AWS's ListAccountsForProvisionedPermissionSet
  would cut A x P to P plus the provisioned (account, set) pairs, but the sandbox's moto does not
  provision on CreateAccountAssignment (it answers no accounts), so the accounts come from
  Organizations.

For the demo estate (2 regions, 4 sets, 5 users, 3 groups, 7 accounts) that is 2 + 17 + 5 +
1 + 28 = 53 calls for all six tables.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from .base import TableContext, table

SERVICE = "sso-admin"
STORE = "identitystore"
ADMIN_POLICY_SUFFIX = ":iam::aws:policy/AdministratorAccess"

_DISCOVERY_CALLS = ("sso:ListInstances",)
_DURATION = re.compile(
    r"^P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


# -- shared reads ----------------------------------------------------------------------------
async def _regions(ctx: TableContext) -> list[str]:
    """The run's regions, as the engine resolved them (the scope's, or every enabled one)."""
    return list(ctx.aws.regions or ctx.aws.scope.regions or [ctx.aws.home_region])


async def _instances(ctx: TableContext) -> list[dict[str, Any]]:
    """Every Identity Center instance the caller sees, each with ``_region`` where it lives."""

    async def discover() -> list[dict[str, Any]]:
        regions = await _regions(ctx)

        async def in_region(region: str) -> list[dict[str, Any]]:
            client = await ctx.client(SERVICE, region)
            found = await ctx.aws.items(client, "list_instances", "Instances")
            return [{**instance, "_region": region} for instance in found]

        answers = await asyncio.gather(*(in_region(r) for r in regions), return_exceptions=True)
        instances: dict[str, dict[str, Any]] = {}
        failures: list[BaseException] = []
        for answer in answers:
            if isinstance(answer, BaseException):
                if not isinstance(answer, Exception):
                    raise answer
                failures.append(answer)
                continue
            for instance in answer:
                instances.setdefault(instance["InstanceArn"], instance)
        if failures and not instances:
            raise failures[0]
        return list(instances.values())

    return await ctx.aws.memo(("sso.instances", ctx.account_id), discover)


async def _permission_sets(ctx: TableContext, instance: dict[str, Any]) -> list[dict[str, Any]]:
    """ListPermissionSets, then DescribePermissionSet for each."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE, instance["_region"])
        arn = instance["InstanceArn"]
        listed = await ctx.aws.items(
            client, "list_permission_sets", "PermissionSets", InstanceArn=arn
        )

        async def describe(pset_arn: str) -> dict[str, Any]:
            answer = await ctx.aws.call(
                client, "describe_permission_set", InstanceArn=arn, PermissionSetArn=pset_arn
            )
            return answer["PermissionSet"]

        return list(await asyncio.gather(*(describe(p) for p in listed)))

    return await ctx.aws.memo(("sso.permission_sets", instance["InstanceArn"]), fetch)


async def _users(ctx: TableContext, instance: dict[str, Any]) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(STORE, instance["_region"])
        return await ctx.aws.items(
            client, "list_users", "Users", IdentityStoreId=instance["IdentityStoreId"]
        )

    return await ctx.aws.memo(("sso.users", instance["IdentityStoreId"]), fetch)


async def _groups(ctx: TableContext, instance: dict[str, Any]) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(STORE, instance["_region"])
        return await ctx.aws.items(
            client, "list_groups", "Groups", IdentityStoreId=instance["IdentityStoreId"]
        )

    return await ctx.aws.memo(("sso.groups", instance["IdentityStoreId"]), fetch)


async def _memberships(ctx: TableContext, instance: dict[str, Any]) -> list[dict[str, Any]]:
    """ListGroupMemberships for every group of the identity store."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(STORE, instance["_region"])
        store_id = instance["IdentityStoreId"]

        async def members(group: dict[str, Any]) -> list[dict[str, Any]]:
            return await ctx.aws.items(
                client,
                "list_group_memberships",
                "GroupMemberships",
                IdentityStoreId=store_id,
                GroupId=group["GroupId"],
            )

        nested = await asyncio.gather(*(members(g) for g in await _groups(ctx, instance)))
        return [membership for found in nested for membership in found]

    return await ctx.aws.memo(("sso.memberships", instance["IdentityStoreId"]), fetch)


async def _organization_accounts(ctx: TableContext) -> list[str]:
    """The organization's account ids (any status); just the caller's outside an organization."""

    async def fetch() -> list[str]:
        client = await ctx.client("organizations", "global")
        try:
            listed = await ctx.aws.items(client, "list_accounts", "Accounts")
        except Exception as exc:
            from ..aws.errors import error_code

            if error_code(exc) == "AWSOrganizationsNotInUseException":
                return [ctx.account_id]
            raise
        return sorted(account["Id"] for account in listed)

    return await ctx.aws.memo(("organizations.list_accounts", ctx.account_id), fetch)


async def _per_instance(
    ctx: TableContext, rows_of: Callable[[dict[str, Any]], Awaitable[list[dict[str, Any]]]]
) -> list[dict[str, Any]]:
    """Rows of ``rows_of(instance)`` for every instance, each row in its instance's region."""
    nested = await asyncio.gather(*(rows_of(i) for i in await _instances(ctx)))
    return [row for rows in nested for row in rows]


# -- helpers ---------------------------------------------------------------------------------
def duration_hours(value: str | None) -> float | None:
    """An ISO 8601 duration (PT12H, PT1H30M, P1D) in hours; None if absent or unreadable."""
    match = _DURATION.match(value or "")
    if not value or not match or not any(match.groupdict().values()):
        return None
    parts = {name: float(number or 0) for name, number in match.groupdict().items()}
    return parts["days"] * 24 + parts["hours"] + parts["minutes"] / 60 + parts["seconds"] / 3600


def grants_admin(managed_policies: list[str], inline_policy: str | None) -> bool:
    """AdministratorAccess attached, or an inline statement that allows "*" on "*"."""
    if any(arn.endswith(ADMIN_POLICY_SUFFIX) for arn in managed_policies):
        return True
    try:
        document = json.loads(inline_policy) if inline_policy else {}
    except ValueError:
        return False
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    if isinstance(statements, dict):
        statements = [statements]

    def listed(value: Any) -> list[Any]:
        return value if isinstance(value, list) else [value]

    return any(
        isinstance(s, dict)
        and s.get("Effect") == "Allow"
        and any(a in ("*", "*:*") for a in listed(s.get("Action")))
        and "*" in listed(s.get("Resource"))
        for s in statements
    )


def _primary_email(user: dict[str, Any]) -> str | None:
    emails = user.get("Emails") or []
    primary = [e for e in emails if e.get("Primary")] or emails
    return primary[0].get("Value") if primary else None


# -- tables ----------------------------------------------------------------------------------
@table(
    "sso.instances",
    where="organization",
    key=("instance_arn",),
    calls=_DISCOVERY_CALLS,
    columns=(
        ("instance_arn", "string", "The instance's ARN (arn:aws:sso:::instance/ssoins-...)."),
        ("identity_store_id", "string", "The instance's identity store (d-...)."),
        ("name", "string", "The instance's name, if it has one."),
        ("status", "string", "CREATE_IN_PROGRESS, DELETE_IN_PROGRESS or ACTIVE."),
        ("owner_account_id", "string", "The account that owns the instance."),
        ("created_date", "datetime64[ns, UTC]", "When the instance was created."),
    ),
)
async def instances(ctx: TableContext) -> list[dict[str, Any]]:
    """The IAM Identity Center instance(s) the caller administers, one row each, in its region."""
    return [
        {
            "region": instance["_region"],
            "instance_arn": instance["InstanceArn"],
            "identity_store_id": instance.get("IdentityStoreId"),
            "name": instance.get("Name"),
            "status": instance.get("Status"),
            "owner_account_id": instance.get("OwnerAccountId"),
            "created_date": instance.get("CreatedDate"),
        }
        for instance in await _instances(ctx)
    ]


@table(
    "sso.permission_sets",
    where="organization",
    key=("permission_set_arn",),
    calls=(
        *_DISCOVERY_CALLS,
        "sso:ListPermissionSets",
        "sso:DescribePermissionSet",
        "sso:ListManagedPoliciesInPermissionSet",
        "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
        "sso:GetInlinePolicyForPermissionSet",
    ),
    columns=(
        ("permission_set_arn", "string", "The permission set's ARN."),
        ("name", "string", "The permission set's name."),
        ("description", "string", "The permission set's description."),
        ("instance_arn", "string", "The Identity Center instance it belongs to."),
        ("created_date", "datetime64[ns, UTC]", "When the permission set was created."),
        ("session_duration", "string", "Session length, ISO 8601 as AWS gives it (PT12H)."),
        (
            "session_duration_hours",
            "Float64",
            "Session length in hours (fractional: PT1H30M is 1.5); null if unset.",
        ),
        ("relay_state", "string", "Where users land in the console after signing in."),
        ("managed_policies", "string", "JSON list of the attached AWS managed policy ARNs."),
        (
            "customer_managed_policies",
            "string",
            "JSON list of the customer managed policy references, each as path and name "
            "(/team/PolicyName).",
        ),
        ("inline_policy", "string", "The inline policy document, JSON; null if none."),
        (
            "has_admin_access",
            "boolean",
            "AdministratorAccess attached, or an inline statement allowing * on *.",
        ),
    ),
)
async def permission_sets(ctx: TableContext) -> list[dict[str, Any]]:
    """Every permission set with its session length and the policies it grants."""

    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE, instance["_region"])
        arn = instance["InstanceArn"]

        async def detail(pset: dict[str, Any]) -> dict[str, Any]:
            ids = {"InstanceArn": arn, "PermissionSetArn": pset["PermissionSetArn"]}
            managed, customer, inline = await asyncio.gather(
                ctx.aws.items(
                    client,
                    "list_managed_policies_in_permission_set",
                    "AttachedManagedPolicies",
                    **ids,
                ),
                ctx.aws.items(
                    client,
                    "list_customer_managed_policy_references_in_permission_set",
                    "CustomerManagedPolicyReferences",
                    **ids,
                ),
                ctx.aws.call(client, "get_inline_policy_for_permission_set", **ids),
            )
            managed_arns = sorted(policy["Arn"] for policy in managed)
            inline_policy = inline.get("InlinePolicy") or None
            return {
                "region": instance["_region"],
                "permission_set_arn": pset["PermissionSetArn"],
                "name": pset.get("Name"),
                "description": pset.get("Description"),
                "instance_arn": arn,
                "created_date": pset.get("CreatedDate"),
                "session_duration": pset.get("SessionDuration"),
                "session_duration_hours": duration_hours(pset.get("SessionDuration")),
                "relay_state": pset.get("RelayState"),
                "managed_policies": json.dumps(managed_arns),
                "customer_managed_policies": json.dumps(
                    sorted(f"{ref.get('Path') or '/'}{ref['Name']}" for ref in customer)
                ),
                "inline_policy": inline_policy,
                "has_admin_access": grants_admin(managed_arns, inline_policy),
            }

        return list(
            await asyncio.gather(*(detail(p) for p in await _permission_sets(ctx, instance)))
        )

    return await _per_instance(ctx, rows_of)


@table(
    "sso.account_assignments",
    where="organization",
    key=("target_account_id", "permission_set_arn", "principal_type", "principal_id"),
    calls=(
        *_DISCOVERY_CALLS,
        "organizations:ListAccounts",
        "sso:ListPermissionSets",
        "sso:DescribePermissionSet",
        "sso:ListAccountAssignments",
        "identitystore:ListUsers",
        "identitystore:ListGroups",
    ),
    columns=(
        ("target_account_id", "string", "The account the permission set is assigned on."),
        ("permission_set_arn", "string", "The permission set assigned."),
        ("permission_set_name", "string", "The permission set's name."),
        ("principal_type", "string", "USER or GROUP."),
        ("principal_id", "string", "The user's or group's id in the identity store."),
        (
            "principal_name",
            "string",
            "The user's UserName or the group's DisplayName; null if the principal is gone.",
        ),
        (
            "principal_exists",
            "boolean",
            "Whether the principal is still in the identity store (False: orphaned assignment).",
        ),
        ("instance_arn", "string", "The Identity Center instance the assignment belongs to."),
    ),
)
async def account_assignments(ctx: TableContext) -> list[dict[str, Any]]:
    """Who may use which permission set on which account: one row per account assignment."""

    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE, instance["_region"])
        arn = instance["InstanceArn"]
        psets, accounts, users, groups = await asyncio.gather(
            _permission_sets(ctx, instance),
            _organization_accounts(ctx),
            _users(ctx, instance),
            _groups(ctx, instance),
        )
        names = {
            "USER": {u["UserId"]: u.get("UserName") for u in users},
            "GROUP": {g["GroupId"]: g.get("DisplayName") for g in groups},
        }

        async def assigned(account_id: str, pset: dict[str, Any]) -> list[dict[str, Any]]:
            found = await ctx.aws.items(
                client,
                "list_account_assignments",
                "AccountAssignments",
                InstanceArn=arn,
                AccountId=account_id,
                PermissionSetArn=pset["PermissionSetArn"],
            )
            rows = []
            for assignment in found:
                principals = names.get(assignment["PrincipalType"], {})
                principal_id = assignment["PrincipalId"]
                rows.append(
                    {
                        "region": instance["_region"],
                        "target_account_id": assignment.get("AccountId") or account_id,
                        "permission_set_arn": assignment.get("PermissionSetArn")
                        or pset["PermissionSetArn"],
                        "permission_set_name": pset.get("Name"),
                        "principal_type": assignment["PrincipalType"],
                        "principal_id": principal_id,
                        "principal_name": principals.get(principal_id),
                        "principal_exists": principal_id in principals,
                        "instance_arn": arn,
                    }
                )
            return rows

        nested = await asyncio.gather(*(assigned(a, p) for a in accounts for p in psets))
        return [row for rows in nested for row in rows]

    return await _per_instance(ctx, rows_of)


@table(
    "sso.users",
    where="organization",
    key=("user_id",),
    calls=(*_DISCOVERY_CALLS, "identitystore:ListUsers"),
    columns=(
        ("user_id", "string", "The user's id in the identity store."),
        ("user_name", "string", "The name the user signs in with."),
        ("display_name", "string", "The user's display name."),
        ("email", "string", "The user's primary email address (else the first one)."),
        ("given_name", "string", "The user's given name."),
        ("family_name", "string", "The user's family name."),
        ("user_type", "string", "The user's type, as the directory sets it (free text)."),
        (
            "external_ids",
            "string",
            "JSON list of the user's ids in an external IdP ({Issuer, Id}); [] if none.",
        ),
        ("identity_store_id", "string", "The identity store the user is in."),
    ),
)
async def users(ctx: TableContext) -> list[dict[str, Any]]:
    """Every user of the Identity Center identity store, with name and primary email."""

    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "region": instance["_region"],
                "user_id": user["UserId"],
                "user_name": user.get("UserName"),
                "display_name": user.get("DisplayName"),
                "email": _primary_email(user),
                "given_name": (user.get("Name") or {}).get("GivenName"),
                "family_name": (user.get("Name") or {}).get("FamilyName"),
                "user_type": user.get("UserType"),
                "external_ids": json.dumps(user.get("ExternalIds") or []),
                "identity_store_id": instance["IdentityStoreId"],
            }
            for user in await _users(ctx, instance)
        ]

    return await _per_instance(ctx, rows_of)


@table(
    "sso.groups",
    where="organization",
    key=("group_id",),
    calls=(
        *_DISCOVERY_CALLS,
        "identitystore:ListGroups",
        "identitystore:ListGroupMemberships",
    ),
    columns=(
        ("group_id", "string", "The group's id in the identity store."),
        ("display_name", "string", "The group's name."),
        ("description", "string", "The group's description."),
        ("member_count", "Int64", "How many users are direct members of the group."),
        (
            "external_ids",
            "string",
            "JSON list of the group's ids in an external IdP ({Issuer, Id}); [] if none.",
        ),
        ("identity_store_id", "string", "The identity store the group is in."),
    ),
)
async def groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every group of the Identity Center identity store, with how many members it has."""

    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        found, memberships = await asyncio.gather(
            _groups(ctx, instance), _memberships(ctx, instance)
        )
        counts: dict[str, int] = {}
        for membership in memberships:
            counts[membership["GroupId"]] = counts.get(membership["GroupId"], 0) + 1
        return [
            {
                "region": instance["_region"],
                "group_id": group["GroupId"],
                "display_name": group.get("DisplayName"),
                "description": group.get("Description"),
                "member_count": counts.get(group["GroupId"], 0),
                "external_ids": json.dumps(group.get("ExternalIds") or []),
                "identity_store_id": instance["IdentityStoreId"],
            }
            for group in found
        ]

    return await _per_instance(ctx, rows_of)


@table(
    "sso.group_memberships",
    where="organization",
    key=("membership_id",),
    calls=(
        *_DISCOVERY_CALLS,
        "identitystore:ListGroups",
        "identitystore:ListGroupMemberships",
        "identitystore:ListUsers",
    ),
    columns=(
        ("group_id", "string", "The group."),
        ("group_name", "string", "The group's display name."),
        ("membership_id", "string", "The membership's id."),
        ("user_id", "string", "The member user's id."),
        ("user_name", "string", "The member's UserName; null if the user is gone."),
        ("identity_store_id", "string", "The identity store the membership is in."),
    ),
)
async def group_memberships(ctx: TableContext) -> list[dict[str, Any]]:
    """Which user is in which group: one row per direct group membership."""

    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        found, memberships, people = await asyncio.gather(
            _groups(ctx, instance), _memberships(ctx, instance), _users(ctx, instance)
        )
        group_names = {g["GroupId"]: g.get("DisplayName") for g in found}
        user_names = {u["UserId"]: u.get("UserName") for u in people}
        rows = []
        for membership in memberships:
            user_id = (membership.get("MemberId") or {}).get("UserId")
            rows.append(
                {
                    "region": instance["_region"],
                    "group_id": membership["GroupId"],
                    "group_name": group_names.get(membership["GroupId"]),
                    "membership_id": membership.get("MembershipId"),
                    "user_id": user_id,
                    "user_name": user_names.get(user_id),
                    "identity_store_id": instance["IdentityStoreId"],
                }
            )
        return rows

    return await _per_instance(ctx, rows_of)
