"""Failures that will not heal: an opt-in region not enabled, a role that cannot be assumed, an
endpoint that does not answer. After the first such failure the rest of that region's, account's
or endpoint's calls are not made (the circuit breaker), and ``inv.errors`` names it once: the
sandbox counts exactly one call for the broken thing."""

from __future__ import annotations

import toolkit
from toolkit.aws.breaker import REGION_NOT_ENABLED_CODES
from toolkit.collectors import REGISTRY
from toolkit.sandbox import Sandbox

OPT_IN = "ap-east-1"  # Hong Kong: an opt-in region
REGIONAL = ["ec2", "kms", "lambda", "rds", "cloudtrail"]


def test_region_not_enabled_costs_one_call_per_account(faults: Sandbox) -> None:
    truth = faults.truth
    faults.configure(disabled_regions=[("*", OPT_IN)])
    faults.reset_counts()
    scope = faults.scope(regions=[*truth.regions, OPT_IN])
    inventory = toolkit.collect_sync(scope, services=REGIONAL, progress=False)

    # One call per account into the region, whatever the number of tables there.
    by_region = faults.request_counts(by_region=True)
    assert {a: by_region.get(f"{a}:{OPT_IN}") for a in truth.account_ids} == {
        a: 1 for a in truth.account_ids
    }
    assert faults.fault_counts()["region_not_enabled"] == len(truth.account_ids)
    regional_tables = [t for t in REGISTRY.values() if t.service in REGIONAL]
    assert inventory.meta["short_circuited_calls"] >= len(regional_tables) - 1

    # Named once per account, as the whole region (table "*").
    errors = inventory.errors
    assert sorted(errors["account_id"]) == sorted(truth.account_ids)
    assert set(errors["region"]) == {OPT_IN} and set(errors["table"]) == {"*"}
    assert set(errors["error_code"]) <= REGION_NOT_ENABLED_CODES
    assert errors["message"].str.contains("not enabled").all()
    assert sorted(inventory.meta["breakers_tripped"]) == sorted(
        f"region:{a}:{OPT_IN}" for a in truth.account_ids
    )

    # The enabled regions are whole.
    assert {i["id"] for v in truth.vpcs for i in v["instances"]} == set(
        inventory["ec2.instances"]["instance_id"]
    )
    assert sorted(inventory["rds.db_instances"]["arn"]) == sorted(
        i["arn"] for i in truth.rds_instances
    )
    assert sorted(inventory["lambda.functions"]["arn"]) == sorted(
        f["arn"] for f in truth.lambda_functions
    )
    assert not (inventory["ec2.vpcs"]["region"] == OPT_IN).any()

    # The checks call the region a gap in every account, and pass nothing there.
    findings = toolkit.run_checks(inventory, checks=["ec2", "rds", "lambda", "kms"])
    in_region = findings[findings["region"] == OPT_IN]
    assert set(in_region["status"].astype(str)) == {"ERROR"}
    assert set(in_region["account_id"]) == set(truth.account_ids)
    assert not (findings["status"] == "ERROR").sum() - len(in_region)


def test_unassumable_account_costs_one_assume_role(faults: Sandbox) -> None:
    truth = faults.truth
    locked = truth.account_id("legacy")
    faults.configure(unassumable_accounts=["legacy"])
    faults.reset_counts()
    inventory = toolkit.collect_sync(faults.scope(), services=REGIONAL + ["iam"], progress=False)
    assert faults.request_counts()["sts.AssumeRole"] == len(truth.account_ids) - 1
    by_account = faults.request_counts(by_account=True)
    assert not any(key.startswith(f"{locked}:") for key in by_account)  # nothing else asked
    errors = inventory.errors
    assert len(errors) == 1, errors.to_string()
    row = errors.iloc[0]
    assert (row["account_id"], row["region"], row["table"], row["service"]) == (
        locked,
        "*",
        "*",
        "*",
    )
    assert row["error_code"] == "AccessDenied"
    assert inventory.meta["breakers_tripped"] == [f"account:{locked}"]
    assert locked not in set(inventory["iam.users"]["account_id"])


def test_endpoint_that_does_not_answer_costs_one_call(faults: Sandbox) -> None:
    truth = faults.truth
    dead = truth.regions[1]
    faults.configure(unreachable=[("kms", dead)])
    faults.reset_counts()
    scope = faults.scope(max_attempts=2)
    inventory = toolkit.collect_sync(scope, services=["kms", "lambda"], progress=False)

    # One call (its two attempts) into the silent endpoint, for all seven accounts.
    injected = faults.fault_counts()
    assert injected["unreachable"] == scope.max_attempts
    # One GetCallerIdentity told a silent kms endpoint from a dead endpoint: the run went on.
    assert faults.request_counts()["sts.GetCallerIdentity"] == 2
    errors = inventory.errors
    assert len(errors) == 1, errors.to_string()
    row = errors.iloc[0]
    assert (row["account_id"], row["region"], row["table"], row["service"]) == (
        "*",
        dead,
        "*",
        "kms",
    )
    assert row["error_code"] == "ConnectionClosedError"
    assert "does not answer" in row["message"]
    assert inventory.meta["breakers_tripped"] == [f"endpoint:kms:{dead}"]

    # Everything else is whole: lambda everywhere, kms in the other region.
    assert sorted(inventory["lambda.functions"]["arn"]) == sorted(
        f["arn"] for f in truth.lambda_functions
    )
    keys = inventory["kms.keys"]
    assert set(keys["region"]) == {truth.regions[0]}
    seeded = {k["arn"] for k in truth.kms_keys if k["region"] == truth.regions[0]}
    assert seeded <= set(keys["arn"])
    findings = toolkit.run_checks(inventory, checks=["kms"])
    gap = findings[findings["status"] == "ERROR"]
    assert set(zip(gap["account_id"], gap["region"], strict=True)) == {("*", dead)}
    assert not ((findings["region"] == dead) & (findings["status"] == "PASS")).any()
