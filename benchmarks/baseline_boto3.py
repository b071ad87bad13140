"""The baseline: the sequential boto3 loop a user would write by hand to get the same tables.

One request at a time, one account after another, one region after another, with boto3's
paginators where an API pages: what a script or notebook cell written from the boto3 docs
looks like. It reads the same accounts, regions and attributes as ``toolkit.collect`` (all
tables), with the calls the docs lead to:

- organizations: ListAccounts (to know the accounts); the OU tree from ListRoots,
  ListOrganizationalUnitsForParent and ListAccountsForParent per parent; DescribeOrganization;
  ListPolicies (SCPs), DescribePolicy and ListTargetsForPolicy per policy.
- per account, after AssumeRole into it:
  - s3: S3 Control GetPublicAccessBlock; ListBuckets; per bucket GetBucketLocation,
    GetBucketVersioning, GetBucketEncryption, GetPublicAccessBlock, GetBucketPolicy,
    GetBucketPolicyStatus (when a policy exists), GetBucketAcl, GetBucketOwnershipControls,
    GetBucketLogging.
  - iam: ListUsers, then per user ListAttachedUserPolicies, ListUserPolicies,
    ListGroupsForUser, GetLoginProfile, ListMFADevices, ListAccessKeys and per key
    GetAccessKeyLastUsed; ListGroups with per group ListAttachedGroupPolicies and
    ListGroupPolicies; ListRoles with per role ListAttachedRolePolicies and ListRolePolicies;
    ListPolicies (Scope Local) with GetPolicyVersion per policy; ListVirtualMFADevices;
    GenerateCredentialReport and GetCredentialReport; GetAccountPasswordPolicy;
    GetAccountSummary.
  - per region: ec2 DescribeInstances, DescribeVolumes, DescribeVpcs, DescribeSubnets,
    DescribeRouteTables, DescribeInternetGateways, DescribeNatGateways,
    DescribeNetworkInterfaces, DescribeSecurityGroups, DescribeNetworkAcls, DescribeFlowLogs,
    GetEbsEncryptionByDefault, GetEbsDefaultKmsKeyId;
    kms ListKeys, ListAliases, per key DescribeKey, GetKeyPolicy and GetKeyRotationStatus
    (customer keys); cloudtrail DescribeTrails, per trail GetTrailStatus and
    GetEventSelectors; lambda ListFunctions, per function GetFunctionUrlConfig and GetPolicy;
    rds DescribeDBInstances, DescribeDBClusters, DescribeDBSnapshots and
    DescribeDBClusterSnapshots (manual), per snapshot its attributes.
- IAM Identity Center, from the caller's account: sso-admin ListInstances per region; per
  instance ListPermissionSets, per set DescribePermissionSet,
  ListManagedPoliciesInPermissionSet, ListCustomerManagedPolicyReferencesInPermissionSet,
  GetInlinePolicyForPermissionSet; identitystore ListUsers, ListGroups and
  ListGroupMemberships per group; ListAccountAssignments per (account, permission set).

Not covered: nothing the toolkit's tables hold is left out; the per-principal IAM calls are
where a hand-written loop spends more requests than the toolkit (which reads users, groups,
roles and policies with one GetAccountAuthorizationDetails). Rows are plain dicts; the result is
``{table: rows}`` so its sizes can be compared with the toolkit's tables.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ROLE_NAME = "OrganizationAccountAccessRole"


def _code(exc: ClientError) -> str:
    return exc.response.get("Error", {}).get("Code", "")


def _or_none(call: Any, codes: Iterable[str], **params: Any) -> Any:
    """A call whose listed error codes mean "not configured"."""
    try:
        return call(**params)
    except ClientError as exc:
        if _code(exc) in set(codes):
            return None
        raise


def collect(
    endpoint_url: str | None,
    regions: list[str],
    credentials: tuple[str, str] | None = None,
    role_name: str = ROLE_NAME,
) -> dict[str, list[dict[str, Any]]]:
    """Every table of the organization, one request at a time."""
    config = Config(
        s3={"addressing_style": "path"}, inject_host_prefix=False, retries={"mode": "standard"}
    )
    keys = (
        {"aws_access_key_id": credentials[0], "aws_secret_access_key": credentials[1]}
        if credentials
        else {}
    )
    home = regions[0]
    management = boto3.Session(region_name=home, **keys)

    def client(session: boto3.Session, service: str, region: str = home) -> Any:
        made = session.client(service, region_name=region, endpoint_url=endpoint_url, config=config)
        if endpoint_url:  # one host: no account prefix on S3 Control
            from toolkit.aws.endpoints import adapt_client

            adapt_client(made)
        return made

    tables: dict[str, list[dict[str, Any]]] = {}

    def add(table: str, rows: Iterable[dict[str, Any]]) -> None:
        tables.setdefault(table, []).extend(rows)

    caller = client(management, "sts").get_caller_identity()["Account"]
    orgs = client(management, "organizations")
    accounts = []
    for page in orgs.get_paginator("list_accounts").paginate():
        accounts += [a for a in page["Accounts"] if a["Status"] == "ACTIVE"]
    _organization(orgs, caller, add)
    _identity_center(client, management, caller, regions, [a["Id"] for a in accounts], add)

    sts = client(management, "sts")
    for account in accounts:
        account_id = account["Id"]
        if account_id == caller:
            session = management
        else:
            creds = sts.assume_role(
                RoleArn=f"arn:aws:iam::{account_id}:role/{role_name}",
                RoleSessionName="baseline",
            )["Credentials"]
            session = boto3.Session(
                aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"],
                region_name=home,
            )
        _s3(client(session, "s3"), client(session, "s3control"), account_id, regions, add)
        _iam(client(session, "iam"), account_id, add)
        for region in regions:
            _ec2(client(session, "ec2", region), account_id, region, add)
            _kms(client(session, "kms", region), account_id, region, add)
            _cloudtrail(client(session, "cloudtrail", region), account_id, region, add)
            _lambda(client(session, "lambda", region), account_id, region, add)
            _rds(client(session, "rds", region), account_id, region, add)
    return tables


def _organization(orgs: Any, caller: str, add: Any) -> None:
    roots = orgs.list_roots()["Roots"]
    add("organizations.roots", [{"account_id": caller, **r} for r in roots])
    management = orgs.describe_organization()["Organization"]["MasterAccountId"]
    todo = [(root["Id"], root["Name"], 0) for root in roots]
    while todo:
        parent, path, depth = todo.pop(0)
        for page in orgs.get_paginator("list_organizational_units_for_parent").paginate(
            ParentId=parent
        ):
            for ou in page["OrganizationalUnits"]:
                ou_path = f"{path}/{ou['Name']}"
                add(
                    "organizations.organizational_units",
                    [{"account_id": caller, **ou, "path": ou_path, "depth": depth + 1}],
                )
                todo.append((ou["Id"], ou_path, depth + 1))
        for page in orgs.get_paginator("list_accounts_for_parent").paginate(ParentId=parent):
            add(
                "organizations.accounts",
                [
                    {**a, "parent": parent, "path": path, "is_management": a["Id"] == management}
                    for a in page["Accounts"]
                ],
            )
    for page in orgs.get_paginator("list_policies").paginate(Filter="SERVICE_CONTROL_POLICY"):
        for summary in page["Policies"]:
            policy = orgs.describe_policy(PolicyId=summary["Id"])["Policy"]
            add("organizations.policies", [{"account_id": caller, **policy}])
            for targets in orgs.get_paginator("list_targets_for_policy").paginate(
                PolicyId=summary["Id"]
            ):
                add(
                    "organizations.policy_targets",
                    [{"policy_id": summary["Id"], **t} for t in targets["Targets"]],
                )


def _s3(s3: Any, s3control: Any, account_id: str, regions: list[str], add: Any) -> None:
    pab = _or_none(
        s3control.get_public_access_block,
        ("NoSuchPublicAccessBlockConfiguration",),
        AccountId=account_id,
    )
    add("s3.account_public_access_block", [{"account_id": account_id, "pab": pab}])
    for bucket in s3.list_buckets()["Buckets"]:
        name = bucket["Name"]
        region = s3.get_bucket_location(Bucket=name).get("LocationConstraint") or "us-east-1"
        if region not in regions:
            continue
        row: dict[str, Any] = {"account_id": account_id, "region": region, "name": name}
        row["versioning"] = s3.get_bucket_versioning(Bucket=name)
        row["encryption"] = _or_none(
            s3.get_bucket_encryption,
            ("ServerSideEncryptionConfigurationNotFoundError",),
            Bucket=name,
        )
        row["pab"] = _or_none(
            s3.get_public_access_block, ("NoSuchPublicAccessBlockConfiguration",), Bucket=name
        )
        row["policy"] = _or_none(s3.get_bucket_policy, ("NoSuchBucketPolicy",), Bucket=name)
        if row["policy"] is not None:
            row["policy_status"] = _or_none(
                s3.get_bucket_policy_status, ("NoSuchBucketPolicy",), Bucket=name
            )
        row["acl"] = s3.get_bucket_acl(Bucket=name)
        row["ownership"] = _or_none(
            s3.get_bucket_ownership_controls, ("OwnershipControlsNotFoundError",), Bucket=name
        )
        row["logging"] = s3.get_bucket_logging(Bucket=name)
        add("s3.buckets", [row])


def _pages(client: Any, operation: str, key: str, **params: Any) -> list[Any]:
    found: list[Any] = []
    for page in client.get_paginator(operation).paginate(**params):
        found += page.get(key) or []
    return found


def _iam(iam: Any, account_id: str, add: Any) -> None:
    base = {"account_id": account_id, "region": "global"}
    devices: dict[str, dict[str, Any]] = {}
    for user in _pages(iam, "list_users", "Users"):
        name = user["UserName"]
        row = {**base, **user}
        row["attached"] = _pages(
            iam, "list_attached_user_policies", "AttachedPolicies", UserName=name
        )
        row["inline"] = _pages(iam, "list_user_policies", "PolicyNames", UserName=name)
        row["groups"] = _pages(iam, "list_groups_for_user", "Groups", UserName=name)
        row["login_profile"] = _or_none(iam.get_login_profile, ("NoSuchEntity",), UserName=name)
        row["mfa"] = _pages(iam, "list_mfa_devices", "MFADevices", UserName=name)
        add("iam.users", [row])
        add("iam.policy_attachments", [{**base, "user": name, **p} for p in row["attached"]])
        devices.update({d["SerialNumber"]: {**base, **d} for d in row["mfa"]})
        for key in _pages(iam, "list_access_keys", "AccessKeyMetadata", UserName=name):
            used = iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])
            add("iam.access_keys", [{**base, **key, "last_used": used.get("AccessKeyLastUsed")}])
    for group in _pages(iam, "list_groups", "Groups"):
        name = group["GroupName"]
        attached = _pages(iam, "list_attached_group_policies", "AttachedPolicies", GroupName=name)
        inline = _pages(iam, "list_group_policies", "PolicyNames", GroupName=name)
        add("iam.groups", [{**base, **group, "attached": attached, "inline": inline}])
        add("iam.policy_attachments", [{**base, "group": name, **p} for p in attached])
    for role in _pages(iam, "list_roles", "Roles"):
        name = role["RoleName"]
        attached = _pages(iam, "list_attached_role_policies", "AttachedPolicies", RoleName=name)
        inline = _pages(iam, "list_role_policies", "PolicyNames", RoleName=name)
        add("iam.roles", [{**base, **role, "attached": attached, "inline": inline}])
        add("iam.policy_attachments", [{**base, "role": name, **p} for p in attached])
    for policy in _pages(iam, "list_policies", "Policies", Scope="Local"):
        version = iam.get_policy_version(
            PolicyArn=policy["Arn"], VersionId=policy["DefaultVersionId"]
        )
        add("iam.policies", [{**base, **policy, "document": version["PolicyVersion"]}])
    for device in _pages(
        iam, "list_virtual_mfa_devices", "VirtualMFADevices", AssignmentStatus="Any"
    ):
        devices.setdefault(device["SerialNumber"], {**base, **device})
    add("iam.mfa_devices", devices.values())
    iam.generate_credential_report()
    report = iam.get_credential_report()["Content"].decode()
    add("iam.credential_report", [{**base, "line": line} for line in report.splitlines()[1:]])
    policy = _or_none(iam.get_account_password_policy, ("NoSuchEntity",))
    add("iam.password_policy", [{**base, "policy": policy}])
    add("iam.account_summary", [{**base, **iam.get_account_summary()["SummaryMap"]}])


def _ec2(ec2: Any, account_id: str, region: str, add: Any) -> None:
    base = {"account_id": account_id, "region": region}
    for table, operation, key in (
        ("ec2.instances", "describe_instances", "Reservations"),
        ("ec2.volumes", "describe_volumes", "Volumes"),
        ("ec2.vpcs", "describe_vpcs", "Vpcs"),
        ("ec2.subnets", "describe_subnets", "Subnets"),
        ("ec2.route_tables", "describe_route_tables", "RouteTables"),
        ("ec2.internet_gateways", "describe_internet_gateways", "InternetGateways"),
        ("ec2.nat_gateways", "describe_nat_gateways", "NatGateways"),
        ("ec2.network_interfaces", "describe_network_interfaces", "NetworkInterfaces"),
        ("ec2.security_groups", "describe_security_groups", "SecurityGroups"),
        ("ec2.network_acls", "describe_network_acls", "NetworkAcls"),
        ("ec2.flow_logs", "describe_flow_logs", "FlowLogs"),
    ):
        items = _pages(ec2, operation, key)
        if table == "ec2.instances":
            items = [i for r in items for i in r["Instances"]]
        elif table == "ec2.route_tables":  # a row per route
            items = [{**t, "route": r} for t in items for r in t.get("Routes", [])]
        elif table == "ec2.network_acls":  # a row per entry
            items = [{**a, "entry": e} for a in items for e in a.get("Entries", [])]
        elif table == "ec2.security_groups":  # and a row per rule
            add("ec2.security_group_rules", [{**base, **rule} for rule in _rules(items)])
        add(table, [{**base, **item} for item in items])
    enabled = ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"]
    key_id = ec2.get_ebs_default_kms_key_id()["KmsKeyId"]
    add("ec2.ebs_encryption_by_default", [{**base, "enabled": enabled, "kms_key_id": key_id}])


def _rules(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rules = []
    for group in groups:
        for direction in ("IpPermissions", "IpPermissionsEgress"):
            for permission in group.get(direction, []):
                for kind in ("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"):
                    for source in permission.get(kind, []):
                        rules.append(
                            {
                                "group_id": group["GroupId"],
                                "direction": direction,
                                "protocol": permission.get("IpProtocol"),
                                "from_port": permission.get("FromPort"),
                                "to_port": permission.get("ToPort"),
                                "source": source,
                            }
                        )
    return rules


def _kms(kms: Any, account_id: str, region: str, add: Any) -> None:
    base = {"account_id": account_id, "region": region}
    aliases = _pages(kms, "list_aliases", "Aliases")
    for key in _pages(kms, "list_keys", "Keys"):
        meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        policy = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]
        rotation = None
        if meta.get("KeyManager") == "CUSTOMER" and meta.get("KeySpec") == "SYMMETRIC_DEFAULT":
            rotation = kms.get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"]
        names = [a["AliasName"] for a in aliases if a.get("TargetKeyId") == key["KeyId"]]
        add(
            "kms.keys", [{**base, **meta, "policy": policy, "rotation": rotation, "aliases": names}]
        )


def _cloudtrail(cloudtrail: Any, account_id: str, region: str, add: Any) -> None:
    base = {"account_id": account_id, "region": region}
    for trail in cloudtrail.describe_trails(includeShadowTrails=False)["trailList"]:
        if trail.get("HomeRegion", region) != region:
            continue
        status = cloudtrail.get_trail_status(Name=trail["TrailARN"])
        selectors = cloudtrail.get_event_selectors(TrailName=trail["TrailARN"])
        add("cloudtrail.trails", [{**base, **trail, "is_logging": status.get("IsLogging")}])
        add(
            "cloudtrail.event_selectors",
            [{**base, "trail": trail["Name"], **s} for s in selectors.get("EventSelectors", [])],
        )


def _lambda(client: Any, account_id: str, region: str, add: Any) -> None:
    base = {"account_id": account_id, "region": region}
    for function in _pages(client, "list_functions", "Functions"):
        name = function["FunctionName"]
        url = _or_none(
            client.get_function_url_config, ("ResourceNotFoundException",), FunctionName=name
        )
        policy = _or_none(client.get_policy, ("ResourceNotFoundException",), FunctionName=name)
        add("lambda.functions", [{**base, **function, "url": url, "policy": policy}])


def _rds(rds: Any, account_id: str, region: str, add: Any) -> None:
    base = {"account_id": account_id, "region": region}
    add(
        "rds.db_instances",
        [{**base, **d} for d in _pages(rds, "describe_db_instances", "DBInstances")],
    )
    add(
        "rds.db_clusters",
        [{**base, **c} for c in _pages(rds, "describe_db_clusters", "DBClusters")],
    )
    for snapshot in _pages(rds, "describe_db_snapshots", "DBSnapshots", SnapshotType="manual"):
        attributes = rds.describe_db_snapshot_attributes(
            DBSnapshotIdentifier=snapshot["DBSnapshotIdentifier"]
        )["DBSnapshotAttributesResult"]
        add("rds.db_snapshots", [{**base, **snapshot, "attributes": attributes}])
    for snapshot in _pages(
        rds, "describe_db_cluster_snapshots", "DBClusterSnapshots", SnapshotType="manual"
    ):
        attributes = rds.describe_db_cluster_snapshot_attributes(
            DBClusterSnapshotIdentifier=snapshot["DBClusterSnapshotIdentifier"]
        )["DBClusterSnapshotAttributesResult"]
        add("rds.db_snapshots", [{**base, **snapshot, "attributes": attributes}])


def _identity_center(
    client: Any,
    management: boto3.Session,
    caller: str,
    regions: list[str],
    accounts: list[str],
    add: Any,
) -> None:
    for region in regions:
        admin = client(management, "sso-admin", region)
        store = client(management, "identitystore", region)
        for instance in _pages(admin, "list_instances", "Instances"):
            arn, store_id = instance["InstanceArn"], instance["IdentityStoreId"]
            base = {"account_id": caller, "region": region}
            add("sso.instances", [{**base, **instance}])
            psets = []
            for pset_arn in _pages(
                admin, "list_permission_sets", "PermissionSets", InstanceArn=arn
            ):
                ids = {"InstanceArn": arn, "PermissionSetArn": pset_arn}
                pset = admin.describe_permission_set(**ids)["PermissionSet"]
                managed = _pages(
                    admin,
                    "list_managed_policies_in_permission_set",
                    "AttachedManagedPolicies",
                    **ids,
                )
                customer = _pages(
                    admin,
                    "list_customer_managed_policy_references_in_permission_set",
                    "CustomerManagedPolicyReferences",
                    **ids,
                )
                inline = admin.get_inline_policy_for_permission_set(**ids).get("InlinePolicy")
                psets.append(pset)
                add(
                    "sso.permission_sets",
                    [{**base, **pset, "managed": managed, "customer": customer, "inline": inline}],
                )
            users = _pages(store, "list_users", "Users", IdentityStoreId=store_id)
            groups = _pages(store, "list_groups", "Groups", IdentityStoreId=store_id)
            add("sso.users", [{**base, **u} for u in users])
            add("sso.groups", [{**base, **g} for g in groups])
            for group in groups:
                members = _pages(
                    store,
                    "list_group_memberships",
                    "GroupMemberships",
                    IdentityStoreId=store_id,
                    GroupId=group["GroupId"],
                )
                add("sso.group_memberships", [{**base, **m} for m in members])
            for account_id in accounts:
                for pset in psets:
                    found = _pages(
                        admin,
                        "list_account_assignments",
                        "AccountAssignments",
                        InstanceArn=arn,
                        AccountId=account_id,
                        PermissionSetArn=pset["PermissionSetArn"],
                    )
                    add("sso.account_assignments", [{**base, **a} for a in found])


if __name__ == "__main__":  # python benchmarks/baseline_boto3.py ENDPOINT REGION [REGION...]
    import time

    started = time.perf_counter()
    found = collect(sys.argv[1] if len(sys.argv) > 1 else None, sys.argv[2:] or ["us-east-1"])
    for name, rows in sorted(found.items()):
        print(f"{name}: {len(rows)}")
    print(f"{time.perf_counter() - started:.1f} s")
