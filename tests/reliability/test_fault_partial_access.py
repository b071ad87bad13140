"""Partial access: AccessDenied for chosen (account, service) pairs and one account whose role
cannot be assumed. Everything else is complete; ``inv.errors`` and the checks name exactly
those (a gap, never a PASS). The unassumable account is one row (``table`` "*"), once.

(The audit report's coverage section is issue 7's, not tested here.)
"""

from __future__ import annotations

from reliability_helpers import assert_same_inventory

import toolkit
from toolkit.checks import select
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox


def test_errors_and_checks_name_exactly_the_denied_parts(
    faults: Sandbox, demo_inventory: Inventory
) -> None:
    truth = faults.truth
    dev, prod, locked = (truth.account_id(k) for k in ("dev", "prod", "sandbox"))
    calm = demo_inventory  # the same estate, collected without faults (read only)

    faults.configure(
        access_denied=[("dev", "s3"), ("prod", "kms")], unassumable_accounts=["sandbox"]
    )
    faults.reset_counts()
    inventory = toolkit.collect_sync(faults.scope(), progress=False)

    # inv.errors: one row per denied unit, one row for the account that cannot be entered.
    def units(account: str, service: str) -> set[tuple[str, str, str, str]]:
        return {
            (account, region, t.name, t.service)
            for t in REGISTRY.values()
            if t.service == service
            for region in (truth.regions if t.where == "regional" else ["global"])
        }

    expected = units(dev, "s3") | units(prod, "kms") | {(locked, "*", "*", "*")}
    errors = inventory.errors
    named = set(
        zip(errors["account_id"], errors["region"], errors["table"], errors["service"], strict=True)
    )
    assert named == expected and len(errors) == len(expected), errors.to_string()
    assert set(errors["error_code"]) == {"AccessDenied", "AccessDeniedException"}
    assert errors["message"].str.len().gt(0).all()
    locked_row = errors[errors["account_id"] == locked].iloc[0]
    assert "AssumeRole" in locked_row["message"] and "--role-name" in locked_row["message"]
    assert faults.request_counts()["sts.AssumeRole"] == len(truth.account_ids) - 1
    assert inventory.meta["short_circuited_calls"] == 0  # the account is skipped, not called

    # Everything else is complete: exactly the calm run's rows, but for what was denied.
    assert_same_inventory(
        calm,
        inventory,
        without=[(locked, "*"), (prod, "kms.keys")]
        + [(dev, t.name) for t in REGISTRY.values() if t.service == "s3"],
    )
    assert not set(inventory["s3.buckets"]["account_id"]) & {dev, locked}
    reachable = [b["name"] for b in truth.buckets if b["account_id"] not in (dev, locked)]
    assert sorted(inventory["s3.buckets"]["name"]) == sorted(reachable)
    assert sorted(inventory["organizations.accounts"]["id"]) == sorted(truth.account_ids)

    # The checks: a gap (ERROR) where nothing was read, and no PASS there.
    findings = toolkit.run_checks(inventory)
    gaps = findings[findings["status"] == "ERROR"]
    for entry in select():
        tables = [REGISTRY[t] for t in entry.tables if t in REGISTRY]
        mine = gaps[gaps["check_id"] == entry.check_id]
        blind = set()
        if any(t.where != "organization" for t in tables):
            blind.add(locked)
        if any(t.service == "s3" for t in tables):
            blind.add(dev)
        if any(t.service == "kms" for t in tables):
            blind.add(prod)
        assert set(mine["account_id"]) == blind, (entry.check_id, mine.to_string())
        passed = findings[(findings["check_id"] == entry.check_id) & (findings["status"] == "PASS")]
        assert not set(passed["account_id"]) & blind, entry.check_id
    locked_gaps = gaps[gaps["account_id"] == locked]
    assert set(locked_gaps["region"]) == {"*"}
    assert locked_gaps["detail"].str.contains("not evaluated").all()
