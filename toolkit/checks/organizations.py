"""Organizations checks: how the organization is structured and guarded (no other open tool
checks these)."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase

import pandas as pd

from ..inventory import Inventory
from .base import check, evaluate


@check(
    title="Account sits directly under the organization root",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=["organizations.accounts", "organizations.roots"],
    description="A member account is attached to the root rather than to an OU.",
    risk="Accounts under the root miss the guardrails (SCPs) that OUs carry.",
    remediation="Move the account into the OU that matches its purpose.",
    remediation_cli="aws organizations move-account --account-id {resource_id} "
    "--source-parent-id ROOT_ID --destination-parent-id OU_ID",
)
def organizations_account_directly_under_root(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    members = accounts[~accounts["is_management"].fillna(False)]
    under_root = members["parent_id"].isin(inv["organizations.roots"]["id"])
    return evaluate(
        members, under_root, members["id"], "path: " + members["ou_path"], members["arn"]
    )


@check(
    title="Organizational unit has no service control policy of its own",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::OrganizationalUnit",
    tables=[
        "organizations.organizational_units",
        "organizations.policy_targets",
        "organizations.policies",
    ],
    description="No SCP other than the AWS-managed FullAWSAccess is attached to the OU.",
    risk="Accounts in the OU run without preventive guardrails beyond those of the root.",
    remediation="Attach the organization's baseline SCPs to the OU.",
    remediation_cli="aws organizations attach-policy --policy-id POLICY_ID --target-id {resource_id}",
)
def organizations_ou_without_scp(inv: Inventory) -> pd.DataFrame:
    ous = inv["organizations.organizational_units"]
    policies = inv["organizations.policies"]
    targets = inv["organizations.policy_targets"]
    own = policies.loc[~policies["aws_managed"].fillna(False), "id"]
    guarded = targets.loc[targets["policy_id"].isin(own), "target_id"]
    has_scp = ous["id"].isin(guarded)
    return evaluate(ous, ~has_scp, ous["id"], "path: " + ous["path"], ous["arn"])


@check(
    title="Service control policies are not enabled",
    severity="high",
    service="organizations",
    resource_type="AWS::Organizations::Root",
    tables=["organizations.roots"],
    description="The organization root does not have the SERVICE_CONTROL_POLICY type enabled.",
    risk="No preventive guardrail can be applied to any account.",
    remediation="Enable service control policies on the root.",
    remediation_cli="aws organizations enable-policy-type --root-id {resource_id} "
    "--policy-type SERVICE_CONTROL_POLICY",
)
def organizations_scp_not_enabled(inv: Inventory) -> pd.DataFrame:
    roots = inv["organizations.roots"]
    enabled = roots["policy_types"].str.contains("SERVICE_CONTROL_POLICY", regex=False)
    return evaluate(
        roots, ~enabled.fillna(False), roots["id"], "types: " + roots["policy_types"], roots["arn"]
    )


# -- effective service control policies -----------------------------------------------------
LEAVE_ORGANIZATION = "organizations:leaveorganization"
#: Workload tables read by organizations_management_account_workloads: (table, label).
WORKLOADS = (
    ("ec2.instances", "EC2 instance"),
    ("rds.db_instances", "RDS DB instance"),
    ("lambda.functions", "Lambda function"),
)


def _members(inv: Inventory) -> pd.DataFrame:
    """Member accounts: SCPs never apply to the management account."""
    accounts = inv["organizations.accounts"]
    return accounts[~accounts["is_management"].fillna(False)]


def _chain(inv: Inventory, accounts: pd.DataFrame) -> pd.DataFrame:
    """(account, target_id): each account, every OU above it and its root: where an SCP that
    applies to the account can be attached. One merge per level of the tree, not per account."""
    ous = inv["organizations.organizational_units"].drop_duplicates("id")
    parent_of = pd.Series(ous["parent_id"].to_numpy(), index=ous["id"].to_numpy())
    level = pd.DataFrame({"account": accounts["id"], "target_id": accounts["parent_id"]})
    links = [pd.DataFrame({"account": accounts["id"], "target_id": accounts["id"]})]
    for _ in range(len(ous) + 1):  # bounded: a root has no parent, so the walk ends there
        level = level.dropna(subset=["target_id"])
        if level.empty:
            break
        links.append(level)
        level = level.assign(target_id=level["target_id"].map(parent_of))
    return pd.concat(links, ignore_index=True).drop_duplicates()


def _scps_in_effect(inv: Inventory, accounts: pd.DataFrame, policy_ids: pd.Series) -> pd.Series:
    """For each account, the names of the given SCPs attached along its chain, joined with
    ', '; NA where there is none."""
    targets = inv["organizations.policy_targets"]
    attached = targets[targets["policy_id"].isin(policy_ids)]
    found = _chain(inv, accounts).merge(attached, on="target_id")
    found = found[["account", "policy_name"]].dropna().drop_duplicates()
    names = found.sort_values(["account", "policy_name"]).groupby("account")["policy_name"]
    return accounts["id"].map(names.agg(", ".join)).astype("string")


def _denies_leave(content: str | None) -> bool:
    """Whether a policy document has a Deny statement covering organizations:LeaveOrganization
    (conditions are not evaluated: they usually exempt a break-glass role)."""
    if not isinstance(content, str):
        return False
    try:
        statements = json.loads(content).get("Statement", [])
    except (ValueError, AttributeError):
        return False

    def matches(patterns: object) -> bool:
        listed = patterns if isinstance(patterns, list) else [patterns]
        return any(
            isinstance(p, str) and fnmatchcase(LEAVE_ORGANIZATION, p.lower()) for p in listed
        )

    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict) or statement.get("Effect") != "Deny":
            continue
        if "Action" in statement and matches(statement["Action"]):
            return True
        if "NotAction" in statement and not matches(statement["NotAction"]):
            return True
    return False


@check(
    title="Account has no service control policy beyond FullAWSAccess",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=[
        "organizations.accounts",
        "organizations.organizational_units",
        "organizations.policy_targets",
        "organizations.policies",
    ],
    description="No SCP other than the AWS-managed FullAWSAccess is attached to the member "
    "account, to any OU above it, or to the root: its effective SCP chain restricts nothing.",
    risk="Nothing in the organization prevents the account's administrators (or an attacker "
    "holding their credentials) from disabling logging, leaving the organization or using "
    "any region.",
    remediation="Attach the organization's baseline SCPs to the account's OU (or to the root).",
    remediation_cli="aws organizations attach-policy --policy-id POLICY_ID "
    "--target-id {resource_id}",
)
def organizations_scp_full_access_only(inv: Inventory) -> pd.DataFrame:
    members = _members(inv)
    policies = inv["organizations.policies"]
    own = policies.loc[~policies["aws_managed"].fillna(False), "id"]
    in_effect = _scps_in_effect(inv, members, own)
    detail = ("SCPs in effect: " + in_effect).fillna(
        "only FullAWSAccess along " + members["ou_path"]
    )
    return evaluate(members, in_effect.isna(), members["id"], detail, members["arn"])


@check(
    title="Member account can leave the organization",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=[
        "organizations.accounts",
        "organizations.organizational_units",
        "organizations.policy_targets",
        "organizations.policies",
    ],
    description="No SCP attached to the member account, to an OU above it or to the root "
    "denies organizations:LeaveOrganization.",
    risk="Whoever administers the account can take it out of the organization, and with it out "
    "of every SCP, organization trail, delegated security service and consolidated bill.",
    remediation="Attach an SCP that denies organizations:LeaveOrganization to the root (or to "
    "every OU).",
    remediation_cli="aws organizations attach-policy --policy-id DENY_LEAVE_POLICY_ID "
    "--target-id {resource_id}",
)
def organizations_account_can_leave_organization(inv: Inventory) -> pd.DataFrame:
    members = _members(inv)
    policies = inv["organizations.policies"]
    deny_leave = policies.loc[
        policies["content"].astype(object).map(_denies_leave).astype(bool), "id"
    ]
    in_effect = _scps_in_effect(inv, members, deny_leave)
    detail = ("LeaveOrganization denied by: " + in_effect).fillna(
        "no SCP along " + members["ou_path"] + " denies LeaveOrganization"
    )
    return evaluate(members, in_effect.isna(), members["id"], detail, members["arn"])


@check(
    title="Service control policy is attached to nothing",
    severity="low",
    service="organizations",
    resource_type="AWS::Organizations::Policy",
    tables=["organizations.policies", "organizations.policy_targets"],
    description="A customer-managed SCP is not attached to the root, any OU or any account.",
    risk="A guardrail someone wrote is not in force: the organization looks protected on paper "
    "only, or an obsolete policy waits to be attached by mistake.",
    remediation="Attach the policy where it was meant to apply, or delete it.",
    remediation_cli="aws organizations attach-policy --policy-id {resource_id} "
    "--target-id TARGET_ID",
)
def organizations_scp_unattached(inv: Inventory) -> pd.DataFrame:
    policies = inv["organizations.policies"]
    own = policies[~policies["aws_managed"].fillna(False)]
    targets = inv["organizations.policy_targets"]
    count = own["id"].map(targets.groupby("policy_id")["target_id"].nunique()).fillna(0)
    detail = (
        own["name"].fillna(own["id"])
        + ": attached to "
        + count.astype(int).astype(str)
        + " target(s)"
    )
    return evaluate(own, count == 0, own["id"], detail, own["arn"])


# -- the management account -------------------------------------------------------------------
@check(
    title="Management account runs workloads",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=["organizations.accounts", *(name for name, _ in WORKLOADS)],
    description="The organization's management account has EC2 instances (not terminated), RDS "
    "DB instances or Lambda functions.",
    risk="SCPs never apply to the management account, and it can control every member: code "
    "and data running there are one compromise away from the whole organization.",
    remediation="Move the workloads to member accounts and keep the management account for "
    "organization, billing and identity administration only.",
)
def organizations_management_account_workloads(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    management = accounts[accounts["is_management"].fillna(False)]
    total = pd.Series(0, index=management.index)
    detail = pd.Series("", index=management.index, dtype="string")
    for name, label in WORKLOADS:  # three tables, not rows; a table not collected is skipped
        if name not in inv:
            continue
        frame = inv[name]
        if "state" in frame:
            frame = frame[~frame["state"].isin(["terminated", "shutting-down"]).fillna(False)]
        count = management["id"].map(frame["account_id"].value_counts()).fillna(0).astype(int)
        total += count
        detail += count.astype(str) + f" {label}(s); "
    detail = detail.str.rstrip("; ")
    return evaluate(management, total > 0, management["id"], detail, management["arn"])
