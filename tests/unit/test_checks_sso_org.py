"""IAM Identity Center and Organizations checks, on a small hand-made organization (no sandbox).

The organization: a management account and seven members. Workloads (with the DenyLeave SCP)
holds Production (PROD, SUSPENDED, ORPHAN, EMPTY_ADMIN) and Development (DEV); Sandbox (SANDBOX)
has no SCP of its own; LEGACY sits under the root with a region guardrail attached directly.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.checks.organizations.organizations_account_can_leave_organization import (
    _denies_leave,
)
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

MGMT, PROD, DEV, SANDBOX = "100000000000", "200000000000", "300000000000", "400000000000"
LEGACY, SUSPENDED, ORPHAN, EMPTY_ADMIN = (
    "500000000000",
    "600000000000",
    "700000000000",
    "800000000000",
)
SSO_REGION = "us-east-1"
INSTANCE = "arn:aws:sso:::instance/ssoins-1"
PS = {name: f"{INSTANCE}/ps-{name.lower()}" for name in ("Admin", "Inline", "Dev", "ReadOnly")}
ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess"
STAR = json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
DENY_IAM = json.dumps({"Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})

NEW_CHECKS = {
    "sso_admin_assigned_to_user",
    "sso_assignment_orphaned_principal",
    "sso_permission_set_long_session",
    "sso_permission_set_inline_admin",
    "sso_group_without_members",
    "sso_user_with_many_admin_accounts",
    "sso_account_without_administrator",
    "organizations_scp_full_access_only",
    "organizations_account_can_leave_organization",
    "organizations_scp_unattached",
    "organizations_management_account_workloads",
}


def frame(table: str, *rows: dict, region: str = "global") -> pd.DataFrame:
    return TABLES[table].frame({"account_id": MGMT, "region": region, **row} for row in rows)


def sso(table: str, *rows: dict) -> pd.DataFrame:
    return frame(table, *rows, region=SSO_REGION)


def organization() -> dict[str, pd.DataFrame]:
    def account(account_id, parent, path, status="ACTIVE", management=False):
        return {"id": account_id, "arn": f"arn:aws:organizations::{MGMT}:account/o-1/{account_id}",
                "name": f"acct-{account_id[0]}", "status": status, "parent_id": parent,
                "ou_path": path, "is_management": management}  # fmt: skip

    def ou(ou_id, parent, path):
        return {"id": ou_id, "arn": f"arn:{ou_id}", "name": path.rsplit("/", 1)[1],
                "parent_id": parent, "path": path, "depth": path.count("/")}  # fmt: skip

    def policy(policy_id, name, content, managed=False):
        return {"id": policy_id, "arn": f"arn:{policy_id}", "name": name,
                "type": "SERVICE_CONTROL_POLICY", "aws_managed": managed,
                "content": json.dumps(content)}  # fmt: skip

    def target(policy_id, name, target_id):
        return {"policy_id": policy_id, "policy_name": name, "target_id": target_id}

    prod = ("ou-prod", "Root/Workloads/Production")
    deny_leave = {"Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization",
                                 "Resource": "*"}]}  # fmt: skip
    regions = {"Statement": [{"Effect": "Deny", "NotAction": ["iam:*", "organizations:*"],
                              "Resource": "*"}]}  # fmt: skip
    full = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    return {
        "organizations.accounts": frame(
            "organizations.accounts",
            account(MGMT, "r-1", "Root", management=True),
            account(PROD, *prod),
            account(SUSPENDED, *prod, status="SUSPENDED"),
            account(ORPHAN, *prod),
            account(EMPTY_ADMIN, *prod),
            account(DEV, "ou-dev", "Root/Workloads/Development"),
            account(SANDBOX, "ou-sandbox", "Root/Sandbox"),
            account(LEGACY, "r-1", "Root"),
        ),
        "organizations.organizational_units": frame(
            "organizations.organizational_units",
            ou("ou-work", "r-1", "Root/Workloads"),
            ou("ou-prod", "ou-work", "Root/Workloads/Production"),
            ou("ou-dev", "ou-work", "Root/Workloads/Development"),
            ou("ou-sandbox", "r-1", "Root/Sandbox"),
        ),
        "organizations.roots": frame(
            "organizations.roots",
            {
                "id": "r-1",
                "arn": "arn:r-1",
                "name": "Root",
                "policy_types": '["SERVICE_CONTROL_POLICY"]',
            },
        ),
        "organizations.policies": frame(
            "organizations.policies",
            policy("p-FullAWSAccess", "FullAWSAccess", full, managed=True),
            policy("p-leave", "DenyLeave", deny_leave),
            policy("p-regions", "RegionGuardrail", regions),
            policy("p-unused", "Forgotten", deny_leave),
        ),
        "organizations.policy_targets": frame(
            "organizations.policy_targets",
            *(
                target("p-FullAWSAccess", "FullAWSAccess", t)
                for t in ("r-1", "ou-work", "ou-prod", "ou-dev", "ou-sandbox", SANDBOX, LEGACY)
            ),
            target("p-leave", "DenyLeave", "ou-work"),
            target("p-regions", "RegionGuardrail", LEGACY),
        ),
    }


def identity_center() -> dict[str, pd.DataFrame]:
    def pset(name, hours, admin, managed=(), inline=None):
        return {"permission_set_arn": PS[name], "name": name, "instance_arn": INSTANCE,
                "session_duration": None if hours is None else f"PT{hours}H",
                "session_duration_hours": hours, "managed_policies": json.dumps(list(managed)),
                "inline_policy": inline, "has_admin_access": admin}  # fmt: skip

    users = {"u-alice": "alice", "u-bob": "bob", "u-carol": "carol", "u-dave": "dave"}
    groups = {"g-admins": "Admins", "g-devs": "Devs", "g-empty": "Empty", "g-unused": "Unused"}
    members = [("g-admins", "u-alice"), ("g-devs", "u-bob"), ("g-devs", "u-carol")]

    def assign(account, pset_name, kind, principal, exists=True):
        names = users if kind == "USER" else groups
        return {"target_account_id": account, "permission_set_arn": PS[pset_name],
                "permission_set_name": {"Admin": "AdministratorAccess"}.get(pset_name, pset_name),
                "principal_type": kind, "principal_id": principal,
                "principal_name": names.get(principal), "principal_exists": exists,
                "instance_arn": INSTANCE}  # fmt: skip

    return {
        "sso.permission_sets": sso(
            "sso.permission_sets",
            pset("Admin", 1, True, [ADMIN_POLICY]),
            pset("Inline", 12, True, inline=STAR),
            pset("Dev", 8, False, ["arn:aws:iam::aws:policy/PowerUserAccess"], DENY_IAM),
            pset("ReadOnly", None, False, ["arn:aws:iam::aws:policy/ReadOnlyAccess"]),
        ),
        "sso.users": sso("sso.users", *({"user_id": i, "user_name": n} for i, n in users.items())),
        "sso.groups": sso(
            "sso.groups",
            *(
                {"group_id": i, "display_name": n, "member_count": sum(g == i for g, _ in members)}
                for i, n in groups.items()
            ),
        ),
        "sso.group_memberships": sso(
            "sso.group_memberships",
            *(
                {
                    "group_id": g,
                    "group_name": groups[g],
                    "membership_id": f"m-{g}-{u}",
                    "user_id": u,
                    "user_name": users[u],
                }
                for g, u in members
            ),
        ),
        "sso.account_assignments": sso(
            "sso.account_assignments",
            *(assign(a, "Admin", "GROUP", "g-admins") for a in (PROD, DEV, SANDBOX, LEGACY)),
            assign(PROD, "Admin", "USER", "u-dave"),
            assign(DEV, "Dev", "USER", "u-carol"),
            assign(DEV, "Inline", "GROUP", "g-empty"),
            assign(PROD, "ReadOnly", "GROUP", "g-devs"),
            assign(ORPHAN, "Admin", "USER", "u-gone", exists=False),
            assign(EMPTY_ADMIN, "Inline", "GROUP", "g-empty"),
            assign(EMPTY_ADMIN, "Dev", "GROUP", "g-devs"),
        ),
    }


def workloads(instances=(), databases=(), functions=()) -> dict[str, pd.DataFrame]:
    return {
        "ec2.instances": TABLES["ec2.instances"].frame(
            {"account_id": a, "region": "us-east-1", "instance_id": f"i-{n}", "state": s}
            for n, (a, s) in enumerate(instances)
        ),
        "rds.db_instances": TABLES["rds.db_instances"].frame(
            {
                "account_id": a,
                "region": "eu-west-1",
                "db_instance_identifier": f"db-{n}",
                "arn": f"arn:db-{n}",
            }
            for n, a in enumerate(databases)
        ),
        "lambda.functions": TABLES["lambda.functions"].frame(
            {
                "account_id": a,
                "region": "us-east-1",
                "function_name": f"fn-{n}",
                "arn": f"arn:fn-{n}",
            }
            for n, a in enumerate(functions)
        ),
    }


def inventory(**workload) -> Inventory:
    return Inventory({**organization(), **identity_center(), **workloads(**workload)})


def statuses(check: str, inv: Inventory | None = None) -> dict[str, str]:
    findings = toolkit.run_checks(inventory() if inv is None else inv, checks=check)
    assert set(findings["check_id"]) == {check}
    assert findings["resource_id"].is_unique
    return dict(zip(findings["resource_id"], findings["status"].astype(str), strict=True))


def failed(check: str, inv: Inventory | None = None) -> set[str]:
    return {r for r, s in statuses(check, inv).items() if s == "FAIL"}


# -- Identity Center -------------------------------------------------------------------------
def test_admin_assigned_to_user_names_the_assignment_as_planted() -> None:
    found = statuses("sso_admin_assigned_to_user")
    assert found[f"{PROD}/AdministratorAccess/USER/dave"] == "FAIL"
    # A deleted user keeps its id in the resource id.
    assert found[f"{ORPHAN}/AdministratorAccess/USER/u-gone"] == "FAIL"
    assert found[f"{DEV}/Dev/USER/carol"] == "PASS"  # not an admin permission set
    assert found[f"{PROD}/AdministratorAccess/GROUP/Admins"] == "PASS"  # through a group
    assert found[f"{DEV}/Inline/GROUP/Empty"] == "PASS"
    assert failed("sso_admin_assigned_to_user") == {
        f"{PROD}/AdministratorAccess/USER/dave",
        f"{ORPHAN}/AdministratorAccess/USER/u-gone",
    }
    findings = toolkit.run_checks(inventory(), checks="sso_admin_assigned_to_user")
    assert set(findings["account_id"]) == {MGMT} and set(findings["region"]) == {SSO_REGION}


def test_orphaned_principal() -> None:
    found = statuses("sso_assignment_orphaned_principal")
    assert {r for r, s in found.items() if s == "FAIL"} == {
        f"{ORPHAN}/AdministratorAccess/USER/u-gone"
    }
    assert found[f"{PROD}/AdministratorAccess/USER/dave"] == "PASS"
    assert len(found) == 11


def test_long_session_over_eight_hours() -> None:
    assert statuses("sso_permission_set_long_session") == {
        PS["Inline"]: "FAIL",  # PT12H
        PS["Dev"]: "PASS",  # PT8H: not longer than 8 hours
        PS["Admin"]: "PASS",
        PS["ReadOnly"]: "PASS",  # unset: AWS's default of 1 hour
    }


def test_inline_admin_only_from_the_inline_policy() -> None:
    assert statuses("sso_permission_set_inline_admin") == {
        PS["Inline"]: "FAIL",
        PS["Admin"]: "PASS",  # admin, but through the managed policy
        PS["Dev"]: "PASS",  # an inline Deny
        PS["ReadOnly"]: "PASS",  # no inline policy
    }


def test_group_without_members_only_when_assigned() -> None:
    assert statuses("sso_group_without_members") == {
        "g-empty": "FAIL",
        "g-unused": "PASS",  # empty but assigned nowhere
        "g-admins": "PASS",
        "g-devs": "PASS",
    }


def test_user_with_many_admin_accounts_counts_groups_and_direct_assignments() -> None:
    assert statuses("sso_user_with_many_admin_accounts") == {
        "u-alice": "FAIL",  # four accounts through Admins
        "u-dave": "PASS",  # one, directly
        "u-bob": "PASS",  # Devs: no admin permission set
        "u-carol": "PASS",
    }
    inv = inventory()
    frames = {name: inv[name] for name in inv}
    a = frames["sso.account_assignments"]
    frames["sso.account_assignments"] = a[a["target_account_id"] != LEGACY]
    assert failed("sso_user_with_many_admin_accounts", Inventory(frames)) == set()


def test_account_without_administrator() -> None:
    found = statuses("sso_account_without_administrator")
    assert found == {
        PROD: "PASS",
        DEV: "PASS",
        SANDBOX: "PASS",
        LEGACY: "PASS",
        ORPHAN: "FAIL",  # its admin user was deleted
        EMPTY_ADMIN: "FAIL",  # admin only through an empty group; Devs has no admin set
    }
    # Neither the management account nor a suspended one is evaluated.
    assert MGMT not in found and SUSPENDED not in found
    findings = toolkit.run_checks(inventory(), checks="sso_account_without_administrator")
    detail = dict(zip(findings["resource_id"], findings["detail"], strict=True))
    assert detail[PROD] == "administrators: alice, dave"


def test_account_without_administrator_when_no_one_has_admin() -> None:
    inv = inventory()
    frames = {name: inv[name] for name in inv}
    p = frames["sso.permission_sets"].copy()
    p["has_admin_access"] = False
    frames["sso.permission_sets"] = p
    found = statuses("sso_account_without_administrator", Inventory(frames))
    assert set(found.values()) == {"FAIL"} and len(found) == 6


# -- Organizations ---------------------------------------------------------------------------
def test_scp_full_access_only_follows_the_chain_to_the_root() -> None:
    assert statuses("organizations_scp_full_access_only") == {
        PROD: "PASS",  # DenyLeave on Workloads, two levels up
        SUSPENDED: "PASS",
        ORPHAN: "PASS",
        EMPTY_ADMIN: "PASS",
        DEV: "PASS",
        LEGACY: "PASS",  # RegionGuardrail on the account itself
        SANDBOX: "FAIL",  # FullAWSAccess everywhere along Root/Sandbox
    }


def test_scp_at_the_root_covers_every_member() -> None:
    inv = inventory()
    frames = {name: inv[name] for name in inv}
    t = frames["organizations.policy_targets"]
    root = TABLES["organizations.policy_targets"].frame(
        [{"account_id": MGMT, "region": "global", "policy_id": "p-leave",
          "policy_name": "DenyLeave", "target_id": "r-1"}]
    )  # fmt: skip
    frames["organizations.policy_targets"] = pd.concat([t, root], ignore_index=True)
    assert failed("organizations_scp_full_access_only", Inventory(frames)) == set()
    assert failed("organizations_account_can_leave_organization", Inventory(frames)) == set()


def test_account_can_leave_organization() -> None:
    assert failed("organizations_account_can_leave_organization") == {SANDBOX, LEGACY}
    found = statuses("organizations_account_can_leave_organization")
    assert found[DEV] == "PASS" and MGMT not in found


@pytest.mark.parametrize(
    "statement, denies",
    [
        ({"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}, True),
        ({"Effect": "Deny", "Action": ["s3:*", "Organizations:*"], "Resource": "*"}, True),
        ({"Effect": "Deny", "Action": "*", "Resource": "*"}, True),
        ({"Effect": "Deny", "NotAction": ["iam:*"], "Resource": "*"}, True),
        ({"Effect": "Deny", "NotAction": ["organizations:*"], "Resource": "*"}, False),
        ({"Effect": "Allow", "Action": "organizations:LeaveOrganization", "Resource": "*"}, False),
        ({"Effect": "Deny", "Action": "organizations:Leave*", "Resource": "*"}, True),
        ({"Effect": "Deny", "Action": "organizations:Describe*", "Resource": "*"}, False),
    ],
)
def test_denies_leave(statement: dict, denies: bool) -> None:
    assert _denies_leave(json.dumps({"Statement": [statement]})) is denies
    assert _denies_leave(json.dumps({"Statement": statement})) is denies


def test_denies_leave_unreadable() -> None:
    assert _denies_leave(None) is False and _denies_leave("not json") is False
    assert _denies_leave("[]") is False


def test_scp_unattached() -> None:
    # FullAWSAccess (AWS managed) is not evaluated.
    assert statuses("organizations_scp_unattached") == {
        "p-leave": "PASS",
        "p-regions": "PASS",
        "p-unused": "FAIL",
    }


def test_management_account_workloads() -> None:
    busy = inventory(instances=[(MGMT, "running")], functions=[PROD])
    assert statuses("organizations_management_account_workloads", busy) == {MGMT: "FAIL"}
    database = inventory(databases=[MGMT])
    assert statuses("organizations_management_account_workloads", database) == {MGMT: "FAIL"}
    # Workloads in members, and a terminated instance in the management account, are fine.
    quiet = inventory(
        instances=[(MGMT, "terminated"), (PROD, "running")], databases=[DEV], functions=[PROD]
    )
    assert statuses("organizations_management_account_workloads", quiet) == {MGMT: "PASS"}
    findings = toolkit.run_checks(busy, checks="organizations_management_account_workloads")
    assert findings.iloc[0]["detail"] == (
        "1 EC2 instance(s); 0 RDS DB instance(s); 0 Lambda function(s)"
    )


def test_management_account_workloads_missing_table_is_a_gap() -> None:
    inv = inventory(instances=[(MGMT, "running")])
    frames = {name: inv[name] for name in inv if name != "lambda.functions"}
    findings = toolkit.run_checks(
        Inventory(frames), checks="organizations_management_account_workloads"
    )
    assert list(findings["status"].astype(str)) == ["ERROR"]
    assert "lambda.functions was not collected" in findings.iloc[0]["detail"]


# -- all of them -----------------------------------------------------------------------------
def test_metadata_complete() -> None:
    load_builtin()
    assert set(CHECKS) >= NEW_CHECKS
    for check_id in NEW_CHECKS:
        entry = CHECKS[check_id]
        assert entry.service == check_id.split("_")[0] and entry.builtin
        assert entry.description and entry.risk and entry.remediation
        assert entry.frameworks == {}


def test_empty_inventory_gives_no_rows_and_no_errors() -> None:
    empty = Inventory({name: TABLES[name].empty() for name in inventory().tables})
    findings = toolkit.run_checks(empty, checks=sorted(NEW_CHECKS))
    assert findings.empty


def test_every_check_has_a_pass_and_a_fail_here() -> None:
    inv = inventory(instances=[(MGMT, "running")])
    findings = toolkit.run_checks(inv, checks=sorted(NEW_CHECKS))
    seen = findings.groupby("check_id")["status"].agg(lambda s: set(s.astype(str)))
    assert set(seen.index) == NEW_CHECKS
    missing = {c: s for c, s in seen.items() if not {"PASS", "FAIL"} <= s}
    # The management account is one row: it passes in test_management_account_workloads.
    assert missing == {"organizations_management_account_workloads": {"FAIL"}}
