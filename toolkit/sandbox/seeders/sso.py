"""IAM Identity Center: the instance's name, users (with their type) and groups in the identity
store, permission sets (with where users land), and account assignments of a permission set to
a user or a group.

Seeded once, from the management account, after every account exists (assignments target
them), in the one region Identity Center lives in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SSO_USER = {
    "user_name": str,
    "display_name": str,
    "email": str,
    "user_type": str,  # free text the directory sets (Employee, Contractor, ...)
    "planted": PLANTED,
}
SSO_GROUP = {"name": str, "description": str, "members": [str], "planted": PLANTED}
PERMISSION_SET = {
    "name": str,
    "description": str,
    "session_duration": str,
    "relay_state": str,  # the console URL users land on
    "managed_policies": [str],
    "inline_policy": dict,
    "planted": PLANTED,
}
ASSIGNMENT = {"account": str, "permission_set": str, "group": str, "user": str, "planted": PLANTED}
SCHEMA = {
    "identity_center": {
        "region": str,
        "instance_name": str,
        "users": [SSO_USER],
        "groups": [SSO_GROUP],
        "permission_sets": [PERMISSION_SET],
        "assignments": [ASSIGNMENT],
    },
}


@dataclass
class IdentityCenterTruth:
    #: instance_arn, identity_store_id, region, instance_name; users, groups and
    #: permission_sets (name -> id or ARN), user_types and relay_states (name -> value, for
    #: those that have one); memberships and assignments (lists). Empty when the estate has
    #: none.
    identity_center: dict[str, Any] = field(default_factory=dict)


def seed(seeder: Seeder) -> None:
    """Users, groups with their members, permission sets, then the assignments."""
    spec = seeder.estate.get("identity_center")
    if not spec:
        return
    region = spec.get("region", seeder.regions[0])
    admin = seeder.client(seeder.management, "sso-admin", region)
    store = seeder.client(seeder.management, "identitystore", region)
    instance = admin.list_instances()["Instances"][0]
    instance_arn, store_id = instance["InstanceArn"], instance["IdentityStoreId"]
    if spec.get("instance_name"):
        admin.update_instance(InstanceArn=instance_arn, Name=spec["instance_name"])
    management = seeder.truth.management_account
    sso: dict[str, Any] = {
        "instance_arn": instance_arn,
        "identity_store_id": store_id,
        "region": region,
        "instance_name": spec.get("instance_name"),
    }
    users: dict[str, str] = {}
    user_types: dict[str, str] = {}
    for user in spec.get("users", []):
        first, _, last = user.get("display_name", user["user_name"]).partition(" ")
        extra = {"UserType": user["user_type"]} if user.get("user_type") else {}
        if extra:
            user_types[user["user_name"]] = user["user_type"]
        user_id = store.create_user(
            IdentityStoreId=store_id,
            UserName=user["user_name"],
            DisplayName=user.get("display_name", user["user_name"]),
            Name={"GivenName": first, "FamilyName": last or first},
            Emails=[
                {
                    "Value": user.get("email", f"{user['user_name']}@example.com"),
                    "Type": "work",
                    "Primary": True,
                }
            ],
            **extra,
        )["UserId"]
        users[user["user_name"]] = user_id
        seeder.plant(user.get("planted"), management, region, user_id, "sso_user")
    groups: dict[str, str] = {}
    memberships = []
    for group in spec.get("groups", []):
        group_id = store.create_group(
            IdentityStoreId=store_id,
            DisplayName=group["name"],
            Description=group.get("description", group["name"]),
        )["GroupId"]
        groups[group["name"]] = group_id
        for member in group.get("members", []):
            store.create_group_membership(
                IdentityStoreId=store_id, GroupId=group_id, MemberId={"UserId": users[member]}
            )
            memberships.append(
                {
                    "group_id": group_id,
                    "group": group["name"],
                    "user_id": users[member],
                    "user": member,
                }
            )
        seeder.plant(group.get("planted"), management, region, group_id, "sso_group")
    permission_sets: dict[str, str] = {}
    relay_states: dict[str, str] = {}
    for pset in spec.get("permission_sets", []):
        landing = {"RelayState": pset["relay_state"]} if pset.get("relay_state") else {}
        if landing:
            relay_states[pset["name"]] = pset["relay_state"]
        arn = admin.create_permission_set(
            Name=pset["name"],
            Description=pset.get("description", pset["name"]),
            InstanceArn=instance_arn,
            SessionDuration=pset.get("session_duration", "PT1H"),
            **landing,
        )["PermissionSet"]["PermissionSetArn"]
        permission_sets[pset["name"]] = arn
        for policy in pset.get("managed_policies", []):
            admin.attach_managed_policy_to_permission_set(
                InstanceArn=instance_arn, PermissionSetArn=arn, ManagedPolicyArn=policy
            )
        if pset.get("inline_policy"):
            admin.put_inline_policy_to_permission_set(
                InstanceArn=instance_arn,
                PermissionSetArn=arn,
                InlinePolicy=json.dumps(pset["inline_policy"]),
            )
        seeder.plant(pset.get("planted"), management, region, arn, "sso_permission_set")
    assignments = []
    for assignment in spec.get("assignments", []):
        account_id = seeder.account_ids[assignment["account"]]
        if "group" in assignment:
            principal_type, principal_id, principal = (
                "GROUP",
                groups[assignment["group"]],
                assignment["group"],
            )
        else:
            principal_type, principal_id, principal = (
                "USER",
                users[assignment["user"]],
                assignment["user"],
            )
        admin.create_account_assignment(
            InstanceArn=instance_arn,
            TargetId=account_id,
            TargetType="AWS_ACCOUNT",
            PermissionSetArn=permission_sets[assignment["permission_set"]],
            PrincipalType=principal_type,
            PrincipalId=principal_id,
        )
        assignments.append(
            {
                "account_id": account_id,
                "permission_set": assignment["permission_set"],
                "permission_set_arn": permission_sets[assignment["permission_set"]],
                "principal_type": principal_type,
                "principal_id": principal_id,
                "principal_name": principal,
            }
        )
        resource = f"{account_id}/{assignment['permission_set']}/{principal_type}/{principal}"
        seeder.plant(
            assignment.get("planted"), management, region, resource, "sso_account_assignment"
        )
    sso.update(
        users=users,
        user_types=user_types,
        groups=groups,
        permission_sets=permission_sets,
        relay_states=relay_states,
        memberships=memberships,
        assignments=assignments,
    )
    seeder.truth.identity_center = sso
