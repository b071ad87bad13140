"""AccessDenied for one (account, service) and one account that cannot be entered: everything
else is collected, and inv.errors names exactly those."""

from __future__ import annotations

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.sandbox import Sandbox


def test_errors_name_exactly_the_denied_parts(faults: Sandbox) -> None:
    truth = faults.truth
    dev, locked = truth.account_id("dev"), truth.account_id("sandbox")
    faults.configure(access_denied=[("dev", "s3")], unassumable_accounts=["sandbox"])
    # the denied service and the neighbours looked at below (tests/reliability's partial-access
    # test reads every table)
    services = ["s3", "ec2", "iam", "organizations"]
    inventory = toolkit.collect_sync(faults.scope(), services=services, progress=False)

    def units(account: str, tables) -> list[tuple[str, str, str]]:
        return [
            (account, t.name, region)
            for t in tables
            for region in (faults.truth.regions if t.where == "regional" else ["global"])
        ]

    per_account = [
        t for t in REGISTRY.values() if t.where != "organization" and t.service in services
    ]
    # Once per denied unit; the account that cannot be entered once, as a whole ("*").
    expected = units(dev, [t for t in per_account if t.service == "s3"]) + [(locked, "*", "*")]
    failed = [(e.account_id, e.table, e.region) for e in inventory.errors.itertuples()]
    assert sorted(failed) == sorted(expected)  # nothing else
    assert set(inventory.errors["error_code"]) == {"AccessDenied"}
    assert inventory.errors["message"].str.len().gt(0).all()

    # Everything else is complete: every other account's buckets, the whole organization.
    reachable = [b for b in truth.buckets if b["account_id"] not in (dev, locked)]
    assert sorted(inventory["s3.buckets"]["name"]) == sorted(b["name"] for b in reachable)
    assert sorted(inventory["organizations.accounts"]["id"]) == sorted(truth.account_ids)
    # The denied service's neighbours in the same account are whole.
    dev_instances = inventory["ec2.instances"].query("account_id == @dev")["instance_id"]
    seeded = [i["id"] for v in truth.vpcs if v["account_id"] == dev for i in v["instances"]]
    assert sorted(dev_instances) == sorted(seeded)
    dev_users = inventory["iam.users"].query("account_id == @dev")["user_name"]
    assert sorted(dev_users) == sorted(u["name"] for u in truth.iam_users if u["account_id"] == dev)
    pab_accounts = set(inventory["s3.account_public_access_block"]["account_id"])
    assert pab_accounts == set(truth.account_ids) - {dev, locked}


def test_unassumable_account_costs_one_assume_role(faults: Sandbox) -> None:
    faults.configure(unassumable_accounts=["sandbox"])
    faults.reset_counts()
    toolkit.collect_sync(faults.scope(), services=["s3"], progress=False)
    members = len(faults.truth.account_ids) - 1
    assert faults.request_counts()["sts.AssumeRole"] == members
