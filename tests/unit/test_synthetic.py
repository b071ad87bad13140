"""Synthetic estates: valid, deterministic, and declaring exactly the counts asked for."""

from __future__ import annotations

import pytest

from toolkit.errors import UsageError
from toolkit.sandbox.estate import account_keys, load_estate
from toolkit.sandbox.synthetic import resource_counts, synthetic_estate


def test_default_estate_is_valid_and_sized() -> None:
    estate = load_estate(synthetic_estate())
    assert estate["regions"] == ["us-east-1", "eu-west-1"]
    assert len(account_keys(estate)) == 20
    assert resource_counts(estate) == {
        "accounts": 20,
        "buckets": 200,
        "instances": 2000,
        "users": 200,
        "roles": 200,
        "assignments": 60,
    }
    assert estate["seed_workers"] >= 1


@pytest.mark.parametrize("accounts, instances", [(1, 0), (3, 7), (7, 1)])
def test_counts_follow_the_parameters(accounts: int, instances: int) -> None:
    estate = load_estate(
        synthetic_estate(
            accounts=accounts,
            regions=["us-east-1"],
            buckets=3,
            instances=instances,
            users=4,
            roles=2,
            assignments=5,
        )
    )
    counts = resource_counts(estate)
    assert counts == {
        "accounts": accounts,
        "buckets": 3 * accounts,
        "instances": instances * accounts,
        "users": 4 * accounts,
        "roles": 2 * accounts,
        "assignments": 5 * accounts,
    }
    for spec in estate["accounts"].values():
        assert all(vpc["region"] == "us-east-1" for vpc in spec["vpcs"])


def test_deterministic_and_seeded() -> None:
    assert synthetic_estate(accounts=4, seed=3) == synthetic_estate(accounts=4, seed=3)
    assert synthetic_estate(accounts=4, seed=3) != synthetic_estate(accounts=4, seed=4)


def test_names_are_unique_and_assignments_distinct() -> None:
    estate = synthetic_estate(accounts=12, assignments=20)
    buckets = [b["name"] for spec in estate["accounts"].values() for b in spec["buckets"]]
    assert len(buckets) == len(set(buckets))
    triples = [tuple(sorted(a.items())) for a in estate["identity_center"]["assignments"]]
    assert len(triples) == len(set(triples)) == 12 * 20
    keys = set(account_keys(estate))
    assert {a["account"] for a in estate["identity_center"]["assignments"]} == keys


def test_bad_parameters_are_named() -> None:
    with pytest.raises(UsageError, match="at least 1 account"):
        synthetic_estate(accounts=0)
    with pytest.raises(UsageError, match="buckets must not be negative"):
        synthetic_estate(buckets=-1)
    with pytest.raises(UsageError, match="assignments is at most"):
        synthetic_estate(assignments=1000)
    with pytest.raises(UsageError, match="at least one region"):
        synthetic_estate(regions=())


def test_instance_count_key_is_checked() -> None:
    estate = synthetic_estate(accounts=1, instances=2)
    vpc = estate["accounts"]["management"]["vpcs"][0]
    vpc["instances"][0]["count"] = "two"
    with pytest.raises(UsageError, match="count must be a int"):
        load_estate(estate)
