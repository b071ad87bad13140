"""What every collector test asks of a one-service collection: no errors, exactly the table,
its declared columns in order, no key repeated; and that each check fails exactly where the
estate plants it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from botocore.config import Config

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox
from toolkit.sandbox.truth import GroundTruth


def assert_one_clean_table(inventory: Inventory, table: str, key: Sequence[str]) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert list(inventory.tables) == [table]
    frame = inventory[table]
    assert list(frame.columns) == [c.name for c in REGISTRY[table].columns]
    assert not frame.duplicated(list(key)).any()


def cell(value: object) -> object:
    """A table's cell as boto3 would give it: None for a missing value."""
    return None if pd.isna(value) else value


def assert_fails_exactly_the_planted(truth: GroundTruth, inventory: Inventory, check: str) -> None:
    """The check FAILs exactly the resources the estate plants for it, and PASSes others."""
    findings = toolkit.run_checks(inventory, checks=check)
    failed = findings[findings["status"] == "FAIL"]
    fails = zip(failed["account_id"], failed["region"], failed["resource_id"], strict=True)
    planted = [p for p in truth.planted if p["check"] == check]
    assert planted, f"the estate plants no failure of {check}"
    assert sorted(fails) == sorted(
        (p["account_id"], p["region"], p["resource_id"]) for p in planted
    )
    assert set(findings["status"].astype(str)) == {"PASS", "FAIL"}


def census_clients(sandbox: Sandbox, service: str) -> dict[tuple[str, str], Any]:
    """A plain boto3 client per (account, region), all made from one boto3 session (its models
    parsed once: a session per account costs half a second a client on a busy machine), each
    with the credentials of the account's OrganizationAccountAccessRole."""
    base = sandbox.boto3_session()
    sts = sandbox.client(base, "sts")
    config = Config(inject_host_prefix=False)
    found = {}
    for account_id in sandbox.truth.account_ids:
        keys = {}
        if account_id != sandbox.truth.management_account:
            creds = sts.assume_role(
                RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole",
                RoleSessionName="census",
            )["Credentials"]
            keys = {
                "aws_access_key_id": creds["AccessKeyId"],
                "aws_secret_access_key": creds["SecretAccessKey"],
                "aws_session_token": creds["SessionToken"],
            }
        for region in sandbox.truth.regions:
            found[account_id, region] = base.client(
                service,
                region_name=region,
                endpoint_url=sandbox.endpoint_url,
                config=config,
                **keys,
            )
    return found
