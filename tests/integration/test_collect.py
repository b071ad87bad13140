"""Collected tables hold exactly what plain boto3 sees in the sandbox, setting for setting."""

from __future__ import annotations

import asyncio
import json

import pandas as pd
import pytest

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox


@pytest.fixture(scope="module")
def inventory(demo_inventory: Inventory) -> Inventory:
    return demo_inventory


def test_no_errors_and_every_table(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert set(inventory.tables) == set(REGISTRY)
    for name, frame in inventory.items():
        assert list(frame.columns) == [c.name for c in REGISTRY[name].columns]
        assert frame["account_id"].notna().all() and frame["region"].notna().all()


def test_accounts_and_ous_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    orgs = sandbox.client(sandbox.boto3_session(), "organizations")
    seen = {a["Id"]: a for a in orgs.list_accounts()["Accounts"]}
    table = inventory["organizations.accounts"].set_index("id")
    assert sorted(table.index) == sorted(seen)
    for account in sandbox.truth.accounts:
        row = table.loc[account["id"]]
        assert row["name"] == seen[account["id"]]["Name"] == account["name"]
        assert row["email"] == account["email"]
        assert row["parent_id"] == account["parent_id"]
        assert row["ou_path"] == account["ou_path"]
        assert bool(row["is_management"]) == account["is_management"]
    ous = inventory["organizations.organizational_units"].set_index("id")
    assert sorted(ous.index) == sorted(ou["id"] for ou in sandbox.truth.organizational_units)
    for ou in sandbox.truth.organizational_units:
        assert ous.loc[ou["id"], "path"] == ou["path"]
        assert ous.loc[ou["id"], "parent_id"] == ou["parent_id"]
        assert ous.loc[ou["id"], "depth"] == ou["depth"]
    roots = inventory["organizations.roots"]
    assert list(roots["id"]) == [sandbox.truth.root_id]
    assert "SERVICE_CONTROL_POLICY" in json.loads(roots["policy_types"].iloc[0])


def test_policies_and_targets_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    targets = inventory["organizations.policy_targets"]
    for policy in sandbox.truth.policies:
        attached = sorted(targets.loc[targets["policy_id"] == policy["id"], "target_id"])
        assert attached == policy["targets"]
        content = inventory["organizations.policies"].set_index("id").loc[policy["id"], "content"]
        assert json.loads(content)["Statement"]


def _boto3_bucket(sandbox: Sandbox, account_id: str, name: str, region: str) -> dict:
    """A bucket's settings read with plain boto3: the reference the table must equal."""
    from botocore.exceptions import ClientError

    s3 = sandbox.client(sandbox.boto3_session(account_id), "s3", region)

    def maybe(call, **kw):
        try:
            return call(Bucket=name, **kw)
        except ClientError:
            return None

    versioning = s3.get_bucket_versioning(Bucket=name)
    encryption = maybe(s3.get_bucket_encryption)
    pab = maybe(s3.get_public_access_block)
    policy = maybe(s3.get_bucket_policy)
    acl = s3.get_bucket_acl(Bucket=name)
    logging = s3.get_bucket_logging(Bucket=name).get("LoggingEnabled") or {}
    ownership = maybe(s3.get_bucket_ownership_controls)
    all_users = sorted(
        g["Permission"] for g in acl["Grants"] if g["Grantee"].get("URI", "").endswith("AllUsers")
    )
    return {
        "versioning": versioning.get("Status", "Disabled"),
        "encryption": encryption["ServerSideEncryptionConfiguration"]["Rules"][0][
            "ApplyServerSideEncryptionByDefault"
        ]["SSEAlgorithm"]
        if encryption
        else None,
        "pab_configured": pab is not None,
        "pab_block_public_acls": bool(
            pab and pab["PublicAccessBlockConfiguration"]["BlockPublicAcls"]
        ),
        "policy": policy["Policy"] if policy else None,
        "acl_all_users": ",".join(all_users) or None,
        "logging_target_bucket": logging.get("TargetBucket"),
        "object_ownership": ownership["OwnershipControls"]["Rules"][0]["ObjectOwnership"]
        if ownership
        else None,
    }


def test_buckets_match_boto3_and_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    buckets = inventory["s3.buckets"].set_index("name")
    assert sorted(buckets.index) == sorted(b["name"] for b in sandbox.truth.buckets)
    for bucket in sandbox.truth.buckets:
        row = buckets.loc[bucket["name"]]
        assert row["account_id"] == bucket["account_id"]
        assert row["region"] == bucket["region"]
        reference = _boto3_bucket(sandbox, bucket["account_id"], bucket["name"], bucket["region"])
        for column, value in reference.items():
            got = row[column]
            assert (None if pd.isna(got) else got) == value, (bucket["name"], column)
        # and what boto3 sees is what the estate planted
        assert row["versioning"] == bucket["versioning"]
        assert (None if pd.isna(row["encryption"]) else row["encryption"]) == bucket["encryption"]
        assert (None if pd.isna(row["kms_key_id"]) else row["kms_key_id"]) == bucket["kms_key_id"]
        assert bool(row["policy_public"]) == bucket["policy_public"]
        assert (None if pd.isna(row["acl_all_users"]) else row["acl_all_users"]) == bucket[
            "acl_all_users"
        ]
        assert (
            None if pd.isna(row["acl_authenticated_users"]) else row["acl_authenticated_users"]
        ) == bucket["acl_authenticated_users"]
        assert bool(row["acl_public"]) == bool(
            bucket["acl_all_users"] or bucket["acl_authenticated_users"]
        )
        pab = bucket["public_access_block"]
        assert bool(row["pab_configured"]) == (pab is not None)
        account_pab = sandbox.truth.account_public_access_block.get(bucket["account_id"])
        assert bool(row["account_pab_configured"]) == (account_pab is not None)
        assert bool(row["account_pab_block_public_policy"]) == bool(account_pab)


def test_account_public_access_block(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["s3.account_public_access_block"].set_index("account_id")
    assert sorted(table.index) == sorted(sandbox.truth.account_ids)
    for account_id in sandbox.truth.account_ids:
        expected = sandbox.truth.account_public_access_block.get(account_id)
        assert bool(table.loc[account_id, "configured"]) == (expected is not None)
        assert bool(table.loc[account_id, "block_public_acls"]) == bool(expected)


def test_meta_counts_calls(sandbox: Sandbox) -> None:
    sandbox.reset_counts()
    inventory = toolkit.collect_sync(sandbox.scope(), services=["s3"], progress=False)
    served = sandbox.request_counts()
    assert inventory.meta["api_calls"] == served
    assert inventory.meta["api_calls_total"] == sum(served.values())
    assert set(inventory.meta["api_calls_by_table"]) == {
        "s3.buckets",
        "s3.bucket_data_protection",
        "s3.account_public_access_block",
    }
    assert "testing" not in json.dumps(inventory.meta)


def test_table_function_is_awaitable(sandbox: Sandbox) -> None:
    frame = asyncio.run(toolkit.collectors.s3.buckets(sandbox.scope(), progress=False))
    assert sorted(frame["name"]) == sorted(b["name"] for b in sandbox.truth.buckets)
    assert frame.attrs["errors"].empty


def test_stream_yields_each_table(sandbox: Sandbox) -> None:
    async def run() -> list[str]:
        # every table, over one account and region: what is streamed, not how much
        scope = sandbox.scope(accounts=[sandbox.truth.account_id("prod")], regions=["us-east-1"])
        return [name async for name, _ in toolkit.stream(scope, progress=False)]

    assert sorted(asyncio.run(run())) == sorted(REGISTRY)


def test_one_account_scope(sandbox: Sandbox) -> None:
    prod = sandbox.truth.account_id("prod")
    inventory = toolkit.collect_sync(
        sandbox.scope(accounts=[prod], regions=["eu-west-1"]), services="s3", progress=False
    )
    buckets = inventory["s3.buckets"]
    expected = [
        b["name"]
        for b in sandbox.truth.buckets
        if b["account_id"] == prod and b["region"] == "eu-west-1"
    ]
    assert sorted(buckets["name"]) == sorted(expected)
