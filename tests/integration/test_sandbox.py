"""The sandbox serves the demo estate to plain boto3 exactly as AWS would."""

from __future__ import annotations

import json

import botocore.exceptions
import pytest
from botocore.config import Config

from toolkit.sandbox import Sandbox


def test_organization_as_boto3_sees_it(sandbox: Sandbox) -> None:
    truth = sandbox.truth
    orgs = sandbox.client(sandbox.boto3_session(), "organizations")
    accounts = orgs.list_accounts()["Accounts"]
    assert sorted(a["Id"] for a in accounts) == sorted(truth.account_ids)
    assert len(accounts) >= 6
    ous = [ou for ou in truth.organizational_units]
    assert len(ous) >= 3 and any(ou["depth"] == 2 for ou in ous)  # one OU nested in another
    for ou in ous:
        parents = orgs.list_parents(ChildId=ou["id"])["Parents"]
        assert parents[0]["Id"] == ou["parent_id"]
    for account in truth.accounts:
        parent = orgs.list_parents(ChildId=account["id"])["Parents"][0]["Id"]
        assert parent == account["parent_id"]
    scp_targets = {
        t["TargetId"]
        for p in truth.policies
        for t in orgs.list_targets_for_policy(PolicyId=p["id"])["Targets"]
    }
    assert scp_targets & {ou["id"] for ou in ous}, "an SCP is attached to an OU"


def test_member_accounts_through_assume_role(sandbox: Sandbox) -> None:
    truth = sandbox.truth
    for account in truth.accounts:
        session = sandbox.boto3_session(account["id"])
        identity = sandbox.client(session, "sts").get_caller_identity()
        assert identity["Account"] == account["id"]
        s3 = sandbox.client(session, "s3")
        names = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
        expected = sorted(b["name"] for b in truth.buckets if b["account_id"] == account["id"])
        assert names == expected


def test_vpcs_and_instances(sandbox: Sandbox) -> None:
    truth = sandbox.truth
    assert {v["region"] for v in truth.vpcs} == set(truth.regions)
    for vpc in truth.vpcs:
        ec2 = sandbox.client(sandbox.boto3_session(vpc["account_id"]), "ec2", vpc["region"])
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["id"]]}])[
            "Subnets"
        ]
        assert sorted(s["SubnetId"] for s in subnets) == sorted(s["id"] for s in vpc["subnets"])
        reservations = ec2.describe_instances(Filters=[{"Name": "vpc-id", "Values": [vpc["id"]]}])
        instances = [i for r in reservations["Reservations"] for i in r["Instances"]]
        assert sorted(i["InstanceId"] for i in instances) == sorted(
            i["id"] for i in vpc["instances"]
        )
        for instance in instances:
            planned = next(i for i in vpc["instances"] if i["id"] == instance["InstanceId"])
            assert bool(instance.get("PublicIpAddress")) == planned["public_ip"]
            tokens = instance["MetadataOptions"]["HttpTokens"]
            assert tokens == ("required" if planned["imds_v2"] else "optional")
        open_groups = [
            g
            for g in vpc["security_groups"]
            if any(r.get("cidr") == "0.0.0.0/0" for r in g["ingress"])
        ]
        for group in open_groups:
            answer = ec2.describe_security_groups(GroupIds=[group["id"]])["SecurityGroups"][0]
            cidrs = {r["CidrIp"] for p in answer["IpPermissions"] for r in p["IpRanges"]}
            assert "0.0.0.0/0" in cidrs
    open_rules = [
        r
        for v in truth.vpcs
        for g in v["security_groups"]
        for r in g["ingress"]
        if r.get("cidr") == "0.0.0.0/0"
    ]
    assert {22, 3389} <= {r.get("ports") for r in open_rules}
    assert any(r.get("protocol") == "all" for r in open_rules)


def test_identity_center(sandbox: Sandbox) -> None:
    sso = sandbox.truth.identity_center
    session = sandbox.boto3_session()
    admin = sandbox.client(session, "sso-admin", sso["region"])
    store = sandbox.client(session, "identitystore", sso["region"])
    arn = sso["instance_arn"]
    psets = admin.list_permission_sets(InstanceArn=arn)["PermissionSets"]
    assert sorted(psets) == sorted(sso["permission_sets"].values())
    assert len(psets) >= 4
    users = store.list_users(IdentityStoreId=sso["identity_store_id"])["Users"]
    assert sorted(u["UserName"] for u in users) == sorted(sso["users"])
    seen = []
    for account_id in {a["account_id"] for a in sso["assignments"]}:
        for pset in psets:
            found = admin.list_account_assignments(
                InstanceArn=arn, AccountId=account_id, PermissionSetArn=pset
            )["AccountAssignments"]
            seen += [(account_id, pset, a["PrincipalType"], a["PrincipalId"]) for a in found]
    expected = [
        (a["account_id"], a["permission_set_arn"], a["principal_type"], a["principal_id"])
        for a in sso["assignments"]
    ]
    assert sorted(seen) == sorted(expected)
    assert len(expected) >= 10 and any(a[2] == "USER" for a in expected)


def test_bucket_policy_status_reads_conditions(sandbox: Sandbox) -> None:
    """moto calls any policy with a Condition private; AWS (and the sandbox) do not."""
    for bucket in sandbox.truth.buckets:
        if not bucket["policy"]:
            continue
        s3 = sandbox.client(sandbox.boto3_session(bucket["account_id"]), "s3", bucket["region"])
        status = s3.get_bucket_policy_status(Bucket=bucket["name"])["PolicyStatus"]["IsPublic"]
        assert status == bucket["policy_public"], bucket["name"]
    any_ip = [b for b in sandbox.truth.buckets if b["policy"] == "public-read-any-ip"]
    assert any_ip and all(b["policy_public"] for b in any_ip)


def test_throttling_is_retried_by_botocore(faults: Sandbox) -> None:
    faults.configure(throttle_rate=0.5)
    session = faults.boto3_session()
    config = Config(retries={"mode": "standard", "total_max_attempts": 20})
    for service, call in [
        ("s3", lambda c: c.list_buckets()),
        ("ec2", lambda c: c.describe_vpcs()),
        ("organizations", lambda c: c.list_roots()),
        ("iam", lambda c: c.list_users()),
    ]:
        client = session.client(service, endpoint_url=faults.endpoint_url, config=config)
        answer = call(client)
        assert answer["ResponseMetadata"]["RetryAttempts"] >= 0
    faults.configure(throttle_rate=1.0)
    client = session.client(
        "ec2",
        endpoint_url=faults.endpoint_url,
        config=Config(retries={"mode": "standard", "total_max_attempts": 2}),
    )
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        client.describe_vpcs()
    assert raised.value.response["Error"]["Code"] == "RequestLimitExceeded"
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 1


def test_access_denied_rules_and_counts(faults: Sandbox) -> None:
    truth = faults.truth
    dev = truth.account_id("dev")
    faults.configure(access_denied=[("dev", "s3")], unassumable_accounts=["sandbox"])
    faults.reset_counts()
    s3 = faults.client(faults.boto3_session(dev), "s3")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        s3.list_buckets()
    assert raised.value.response["Error"]["Code"] == "AccessDenied"
    ec2 = faults.client(faults.boto3_session(dev), "ec2")
    assert ec2.describe_vpcs()["Vpcs"]  # other services of that account still answer
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        faults.boto3_session("sandbox")
    assert raised.value.response["Error"]["Code"] == "AccessDenied"
    counts = faults.request_counts()
    assert counts["s3.ListBuckets"] == 1
    assert counts["ec2.DescribeVpcs"] == 1
    assert counts["sts.AssumeRole"] == 3
    by_account = faults.request_counts(by_account=True)
    assert by_account[f"{dev}:s3.ListBuckets"] == 1


def test_control_endpoint_rejects_unknown_settings(sandbox: Sandbox) -> None:
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as raised:
        sandbox._post("/_sandbox/config", json.dumps({"no_such_setting": 1}).encode())
    assert raised.value.code == 400
