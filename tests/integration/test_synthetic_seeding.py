"""A small synthetic estate seeds, and what the sandbox holds matches its parameters."""

from __future__ import annotations

import pytest

from toolkit.sandbox import Sandbox
from toolkit.sandbox.synthetic import synthetic_estate

PARAMETERS = {"buckets": 2, "instances": 5, "users": 3, "roles": 2, "assignments": 2}


@pytest.fixture(scope="module")
def small() -> Sandbox:
    estate = synthetic_estate(accounts=3, regions=("us-east-1", "eu-west-1"), **PARAMETERS)
    with Sandbox(estate=estate) as running:
        yield running


def test_ground_truth_counts_match_the_parameters(small: Sandbox) -> None:
    truth = small.truth
    assert len(truth.accounts) == 3
    assert len(truth.buckets) == 3 * PARAMETERS["buckets"]
    instances = [i for vpc in truth.vpcs for i in vpc["instances"]]
    assert len(instances) == 3 * PARAMETERS["instances"]
    assert len({i["id"] for i in instances}) == len(instances)
    assert len(truth.iam_users) == 3 * PARAMETERS["users"]
    assert len(truth.iam_roles) == 3 * PARAMETERS["roles"]
    assert len(truth.identity_center["assignments"]) == 3 * PARAMETERS["assignments"]
    assert {v["region"] for v in truth.vpcs} == {"us-east-1", "eu-west-1"}


def test_the_sandbox_serves_what_the_truth_says(small: Sandbox) -> None:
    truth = small.truth
    for account in truth.accounts:
        session = small.boto3_session(account["id"])
        names = sorted(b["Name"] for b in small.client(session, "s3").list_buckets()["Buckets"])
        assert names == sorted(b["name"] for b in truth.buckets if b["account_id"] == account["id"])
        users = small.client(session, "iam").list_users()["Users"]
        assert len(users) == PARAMETERS["users"]
        found = 0
        for region in truth.regions:
            ec2 = small.client(session, "ec2", region)
            reservations = ec2.describe_instances()["Reservations"]
            found += sum(len(r["Instances"]) for r in reservations)
        assert found == PARAMETERS["instances"]
