"""Requests held past the client's read timeout are retried and nothing is lost; assumed-role
credentials that expire during a long run are refreshed, not fatal."""

from __future__ import annotations

import datetime as dt
import time

import boto3
import botocore.exceptions
import pytest
from reliability_helpers import assert_same_inventory

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

SERVICES = ["s3", "ec2", "kms"]


@pytest.fixture(scope="module")
def calm(sandbox: Sandbox) -> Inventory:
    """The reference run, without faults, for both tests (read only). It keeps the default
    read timeout: on a loaded machine a calm answer may take longer than the 1 s the held run
    allows."""
    inventory = toolkit.collect_sync(sandbox.scope(), services=SERVICES, progress=False)
    assert inventory.errors.empty, inventory.errors.to_string()
    return inventory


def test_requests_held_past_the_read_timeout_are_retried(faults: Sandbox, calm) -> None:
    services = SERVICES
    scope = faults.scope(read_timeout=1.0, max_attempts=8)
    # Held five times the read timeout: a client whose event loop stalls on a loaded machine
    # must still find its timeout passed before the answer comes (held 2 s, one run saw 24
    # requests held and only 20 retried: answers read after a stall, not timed out).
    faults.configure(hang_rate=0.05, hang_seconds=5.0)
    faults.reset_counts()
    held = toolkit.collect_sync(scope, services=services, progress=False)

    assert held.errors.empty, held.errors.to_string()
    assert_same_inventory(calm, held)
    hung = faults.fault_counts().get("hung", 0)
    assert hung > 0
    # Each held request timed out on the client (it would have been answered after 2 s, past
    # the 1 s read timeout) and was asked again (a loaded machine may time out a few more), and
    # inv.meta shows every retry. How long the run takes is the benchmarks' business.
    assert held.meta["retries"] >= hung
    assert held.meta["http_attempts_total"] == sum(faults.request_counts().values())


def test_assumed_credentials_expiring_mid_run_are_refreshed(faults: Sandbox, calm) -> None:
    # Credentials living 5 s, and a run made long (2 requests in flight, 40 ms each) so that
    # it outlives them; botocore refreshes 1.25 s (a quarter of their life) before expiry.
    ttl = 5.0
    services = SERVICES
    faults.configure(credential_ttl_seconds=ttl, latency_ms=40)
    faults.reset_counts()
    inventory = toolkit.collect_sync(
        faults.scope(max_concurrency=2), services=services, progress=False
    )

    assert inventory.meta["seconds"] > ttl + 1  # the run outlived its first credentials
    assert inventory.errors.empty, inventory.errors.to_string()
    assert_same_inventory(calm, inventory)
    members = len(faults.truth.account_ids) - 1
    assume_roles = faults.request_counts()["sts.AssumeRole"]
    assert assume_roles > members  # refreshed before they expired ...
    assert inventory.meta["api_calls"]["sts.AssumeRole"] == assume_roles
    assert faults.fault_counts().get("expired", 0) == 0  # ... so none was ever refused


#: What AWS answers a request signed with expired credentials, per protocol.
EXPIRED = {
    ("ec2", "describe_vpcs"): "RequestExpired",  # ec2
    ("s3", "list_buckets"): "ExpiredToken",  # rest-xml
    ("kms", "list_keys"): "ExpiredTokenException",  # json
    ("iam", "list_users"): "ExpiredToken",  # query
    ("lambda", "list_functions"): "ExpiredTokenException",  # rest-json
}


def test_sandbox_refuses_expired_credentials_in_each_protocol(faults: Sandbox) -> None:
    """The fault itself: a key from AssumeRole works until its Expiration, then is refused with
    the protocol's own expired-token error. (Static keys: what a naive client keeps.) The key
    that must still work lives a minute, so a slow machine cannot expire it early; the one that
    must be refused lives a second."""
    for service, call in EXPIRED:
        getattr(faults.client(_assumed(faults, ttl=60.0)[0], service), call)()  # still valid
    short, expiration = _assumed(faults, ttl=1.0)
    clients = {(s, c): faults.client(short, s) for s, c in EXPIRED}
    left = (expiration - dt.datetime.now(dt.UTC)).total_seconds()
    time.sleep(max(0.0, left) + 0.2)
    for (service, call), client in clients.items():
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            getattr(client, call)()
        assert raised.value.response["Error"]["Code"] == EXPIRED[service, call], service
    assert faults.fault_counts()["expired"] == len(EXPIRED)


def _assumed(faults: Sandbox, ttl: float) -> tuple[boto3.Session, dt.datetime]:
    """A session on a dev key from AssumeRole that expires ``ttl`` seconds after it is issued,
    and when it expires."""
    faults.configure(credential_ttl_seconds=ttl)
    sts = faults.client(
        boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing"), "sts"
    )
    dev = faults.truth.account_id("dev")
    creds = sts.assume_role(
        RoleArn=f"arn:aws:iam::{dev}:role/OrganizationAccountAccessRole",
        RoleSessionName="expiry-check",
    )["Credentials"]
    session = boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    return session, creds["Expiration"]


def test_sandbox_reports_the_short_expiration(faults: Sandbox) -> None:
    faults.configure(credential_ttl_seconds=30.0)
    sts = faults.client(
        boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing"), "sts"
    )
    account = faults.truth.account_id("dev")
    answer = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
        RoleSessionName="expiry-check",
    )
    left = answer["Credentials"]["Expiration"] - dt.datetime.now(dt.UTC)
    assert 25 < left.total_seconds() <= 30
