"""IAM Identity Center checks: who can administer which account, and how (no other open tool
checks these).

Every table here is read once, from the account that holds the Identity Center instance; its
rows carry that account and the instance's region. An account assignment's resource id is
``ACCOUNT_ID/PERMISSION_SET_NAME/PRINCIPAL_TYPE/PRINCIPAL_NAME`` (the principal's id when it no
longer exists), so a finding names the assignment the way the console shows it.
"""

from __future__ import annotations

import pandas as pd

from ..collectors.sso import grants_admin
from ..inventory import Inventory
from .base import check, evaluate

ASSIGNMENT = "AWS::SSO::Assignment"
PERMISSION_SET = "AWS::SSO::PermissionSet"
#: Sessions longer than this many hours fail sso_permission_set_long_session.
MAX_SESSION_HOURS = 8
#: Users who can administer more accounts than this fail sso_user_with_many_admin_accounts.
MAX_ADMIN_ACCOUNTS = 3

_DELETE_ASSIGNMENT = (
    "aws sso-admin delete-account-assignment --instance-arn INSTANCE_ARN --target-id ACCOUNT_ID "
    "--target-type AWS_ACCOUNT --permission-set-arn PERMISSION_SET_ARN "
)


# -- shared ----------------------------------------------------------------------------------
def _assignment_ids(a: pd.DataFrame) -> pd.Series:
    """ACCOUNT_ID/PERMISSION_SET_NAME/PRINCIPAL_TYPE/PRINCIPAL_NAME for each assignment."""
    return (
        a["target_account_id"]
        + "/" + a["permission_set_name"].fillna(a["permission_set_arn"])
        + "/" + a["principal_type"]
        + "/" + a["principal_name"].fillna(a["principal_id"])
    )  # fmt: skip


def _is_admin_set(inv: Inventory, arns: pd.Series) -> pd.Series:
    """Whether each permission set ARN grants administrator access."""
    sets = inv["sso.permission_sets"]
    admin = sets.loc[sets["has_admin_access"].fillna(False), "permission_set_arn"]
    return arns.isin(admin)


def _admin_reach(inv: Inventory) -> pd.DataFrame:
    """(user_id, user_name, target_account_id): every user who can use an admin permission set
    on an account, directly or as a member of an assigned group; deleted users and groups
    reach nobody."""
    a = inv["sso.account_assignments"]
    a = a[_is_admin_set(inv, a["permission_set_arn"]) & a["principal_exists"].fillna(False)]
    direct = a.loc[
        a["principal_type"].eq("USER").fillna(False),
        ["principal_id", "principal_name", "target_account_id"],
    ].rename(columns={"principal_id": "user_id", "principal_name": "user_name"})
    members = inv["sso.group_memberships"]
    members = members.loc[members["user_name"].notna(), ["group_id", "user_id", "user_name"]]
    through_groups = a.loc[
        a["principal_type"].eq("GROUP").fillna(False), ["principal_id", "target_account_id"]
    ].merge(members, left_on="principal_id", right_on="group_id")
    reach = pd.concat(
        [direct, through_groups[["user_id", "user_name", "target_account_id"]]],
        ignore_index=True,
    )
    return reach.drop_duplicates(["user_id", "target_account_id"])


def _listed(keys: pd.Series, frame: pd.DataFrame, by: str, values: str) -> pd.Series:
    """For each key (a value of ``frame[by]``), its distinct ``values`` sorted and joined with
    ', '; NA for a key with none."""
    distinct = frame[[by, values]].dropna().drop_duplicates().sort_values([by, values])
    return keys.map(distinct.groupby(by)[values].agg(", ".join)).astype("string")


# -- assignments -----------------------------------------------------------------------------
@check(
    title="Administrator permission set assigned directly to a user",
    severity="medium",
    service="sso",
    resource_type=ASSIGNMENT,
    tables=["sso.account_assignments", "sso.permission_sets"],
    description="A permission set granting administrator access (AdministratorAccess, or an "
    "inline policy allowing * on *) is assigned on an account to a single user rather than "
    "to a group.",
    risk="Per-user admin grants escape group-based reviews and joiner/mover/leaver processes: "
    "they outlive the person's role and are easy to miss in an access review.",
    remediation="Add the user to the group that holds administrator access on the account (or "
    "create one), then delete the direct user assignment.",
    remediation_cli=_DELETE_ASSIGNMENT + "--principal-type USER --principal-id USER_ID",
)
def sso_admin_assigned_to_user(inv: Inventory) -> pd.DataFrame:
    a = inv["sso.account_assignments"]
    admin = _is_admin_set(inv, a["permission_set_arn"])
    to_user = a["principal_type"] == "USER"
    detail = (
        admin.map({True: "admin permission set", False: "non-admin permission set"})
        + " assigned to a "
        + a["principal_type"].str.lower()
    )
    return evaluate(a, admin & to_user, _assignment_ids(a), detail, a["permission_set_arn"])


@check(
    title="Account assignment to a user or group that no longer exists",
    severity="low",
    service="sso",
    resource_type=ASSIGNMENT,
    tables=["sso.account_assignments"],
    description="The assignment's principal is not in the identity store any more: the user "
    "or group was deleted but its account assignment was not.",
    risk="Stale assignments hide who had access and come back to life if the IdP provisions "
    "a principal with the same id (e.g. SCIM re-sync); they also clutter access reviews.",
    remediation="Delete the orphaned account assignment.",
    remediation_cli=_DELETE_ASSIGNMENT
    + "--principal-type USER_OR_GROUP --principal-id PRINCIPAL_ID",
)
def sso_assignment_orphaned_principal(inv: Inventory) -> pd.DataFrame:
    a = inv["sso.account_assignments"]
    exists = a["principal_exists"].fillna(False)
    detail = exists.map(
        {True: "principal exists", False: "principal deleted from the identity store"}
    ) + (" (id " + a["principal_id"] + ")")
    return evaluate(a, ~exists, _assignment_ids(a), detail, a["permission_set_arn"])


# -- permission sets -------------------------------------------------------------------------
@check(
    title="Permission set allows long sessions",
    severity="low",
    service="sso",
    resource_type=PERMISSION_SET,
    tables=["sso.permission_sets"],
    description=f"The permission set's session duration is longer than {MAX_SESSION_HOURS} "
    "hours (AWS allows up to 12).",
    risk="A stolen session (browser cookie, exported credentials) stays usable for longer, and "
    "removed access takes longer to take effect.",
    remediation=f"Set the session duration to {MAX_SESSION_HOURS} hours or less (1 hour for "
    "administrator permission sets), then re-provision the permission set.",
    remediation_cli="aws sso-admin update-permission-set --instance-arn INSTANCE_ARN "
    f"--permission-set-arn {{resource_id}} --session-duration PT{MAX_SESSION_HOURS}H",
)
def sso_permission_set_long_session(inv: Inventory) -> pd.DataFrame:
    p = inv["sso.permission_sets"]
    hours = p["session_duration_hours"]
    detail = p["name"].fillna("") + ": session " + p["session_duration"].fillna("not set (PT1H)")
    return evaluate(
        p, (hours > MAX_SESSION_HOURS).fillna(False), p["permission_set_arn"], detail,
        p["permission_set_arn"],
    )  # fmt: skip


@check(
    title="Permission set's inline policy grants full administrator access",
    severity="high",
    service="sso",
    resource_type=PERMISSION_SET,
    tables=["sso.permission_sets"],
    description="The permission set's inline policy has a statement allowing every action "
    "(* or *:*) on every resource.",
    risk="Full administrator access hidden in an inline policy: reviews that look for the "
    "AdministratorAccess managed policy miss it, whatever the permission set is called.",
    remediation="Replace the inline statement with least-privilege actions, or use the "
    "AdministratorAccess managed policy in a permission set named for it.",
    remediation_cli="aws sso-admin delete-inline-policy-from-permission-set --instance-arn "
    "INSTANCE_ARN --permission-set-arn {resource_id}",
)
def sso_permission_set_inline_admin(inv: Inventory) -> pd.DataFrame:
    p = inv["sso.permission_sets"]
    inline_admin = p["inline_policy"].fillna("").map(lambda doc: grants_admin([], doc))
    inline_admin = inline_admin.astype(bool)
    detail = (
        p["name"].fillna("")
        + ": "
        + inline_admin.map({True: "inline policy allows * on *", False: "no inline * on *"})
    )
    return evaluate(p, inline_admin, p["permission_set_arn"], detail, p["permission_set_arn"])


# -- groups and users ------------------------------------------------------------------------
@check(
    title="Group with no members is assigned to accounts",
    severity="low",
    service="sso",
    resource_type="AWS::IdentityStore::Group",
    tables=["sso.groups", "sso.account_assignments"],
    description="A group that has account assignments has no members.",
    risk="The assignment is dormant access: whoever is later added to the group (by mistake, "
    "or by an IdP sync) silently gets it, and it suggests coverage that does not exist.",
    remediation="Delete the group's account assignments if the group is no longer used, or add "
    "its intended members.",
    remediation_cli=_DELETE_ASSIGNMENT + "--principal-type GROUP --principal-id {resource_id}",
)
def sso_group_without_members(inv: Inventory) -> pd.DataFrame:
    g = inv["sso.groups"]
    a = inv["sso.account_assignments"]
    to_groups = a[a["principal_type"].eq("GROUP").fillna(False)]
    accounts = to_groups.groupby("principal_id")["target_account_id"].nunique()
    assigned_on = g["group_id"].map(accounts).fillna(0).astype(int)
    empty = g["member_count"].fillna(0) == 0
    detail = (
        g["display_name"].fillna(g["group_id"])
        + ": " + g["member_count"].fillna(0).astype(str) + " member(s), assigned on "
        + assigned_on.astype(str) + " account(s)"
    )  # fmt: skip
    return evaluate(g, empty & (assigned_on > 0), g["group_id"], detail)


@check(
    title="User can administer many accounts",
    severity="low",
    service="sso",
    resource_type="AWS::IdentityStore::User",
    tables=[
        "sso.users",
        "sso.group_memberships",
        "sso.account_assignments",
        "sso.permission_sets",
    ],
    description="Through direct assignments and group memberships, the user holds an "
    f"administrator permission set on more than {MAX_ADMIN_ACCOUNTS} accounts.",
    risk="One phished or compromised identity gives standing administrator access to a large "
    "part of the organization.",
    remediation="Split administrator groups by account or environment, and grant broad "
    "administrator access just in time (e.g. AWS TEAM) instead of standing.",
)
def sso_user_with_many_admin_accounts(inv: Inventory) -> pd.DataFrame:
    u = inv["sso.users"]
    reach = _admin_reach(inv)
    count = u["user_id"].map(reach.groupby("user_id")["target_account_id"].nunique())
    count = count.fillna(0).astype(int)
    accounts = _listed(u["user_id"], reach, "user_id", "target_account_id")
    detail = (
        u["user_name"].fillna(u["user_id"]) + ": admin on " + count.astype(str) + " account(s)"
        + (": " + accounts).fillna("")
    )  # fmt: skip
    return evaluate(u, count > MAX_ADMIN_ACCOUNTS, u["user_id"], detail)


# -- accounts --------------------------------------------------------------------------------
@check(
    title="Account cannot be administered through Identity Center",
    severity="medium",
    service="sso",
    resource_type="AWS::Organizations::Account",
    tables=[
        "organizations.accounts",
        "sso.account_assignments",
        "sso.permission_sets",
        "sso.group_memberships",
    ],
    description="No existing user can use an administrator permission set on this active "
    "member account: no admin permission set is assigned there, or only to deleted "
    "principals or empty groups. The management account is not evaluated: access to it should "
    "be kept to a minimum, not widened.",
    risk="Administration falls back to the account's root user or to long-lived IAM users, "
    "outside central identity, MFA and logging; incident response on the account is slowed.",
    remediation="Assign an administrator permission set on the account to the group that "
    "administers it.",
    remediation_cli="aws sso-admin create-account-assignment --instance-arn INSTANCE_ARN "
    "--target-id {resource_id} --target-type AWS_ACCOUNT --permission-set-arn "
    "ADMIN_PERMISSION_SET_ARN --principal-type GROUP --principal-id GROUP_ID",
)
def sso_account_without_administrator(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    members = accounts[
        ~accounts["is_management"].fillna(False) & (accounts["status"] == "ACTIVE").fillna(False)
    ]
    admins = _listed(members["id"], _admin_reach(inv), "target_account_id", "user_name")
    detail = ("administrators: " + admins).fillna("no user can use an admin permission set here")
    return evaluate(members, admins.isna(), members["id"], detail, members["arn"])
