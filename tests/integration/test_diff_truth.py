"""``toolkit.diff`` against a sandbox changed between two collections: six changes made with
boto3 (a new bucket, a bucket made public, an access key rotated, an instance terminated, a
security group rule removed, a finding muted), and the diff names exactly those, nothing else.

The sandbox is this module's own (the session's is shared and must not change). The expected
changes are derived from what was done (names, ids, the first collection's rows), never from
the diff. Every other row of the tables collected is unchanged between the two collections, so
the exact match also proves that collecting an unchanged estate twice yields no change (no
column that moves on its own is missing from a table's ``activity``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest

import toolkit
from toolkit.changes import Diff
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

#: The tables the six changes touch, and no more (a narrow collection takes seconds).
TABLES = [
    "s3.buckets",
    "s3.bucket_data_protection",
    "iam.access_keys",
    "iam.credential_report",
    "ec2.instances",
    "ec2.network_interfaces",
    "ec2.security_groups",
    "ec2.security_group_rules",
]
#: The checks of the services concerned (the others have no table to read here).
CHECKS = ["s3", "iam", "ec2"]
NEW_BUCKET = "examplecorp-dev-drift-check"
#: A bucket made public by policy must fail these two checks.
PUBLIC_CHECKS = {"s3_bucket_policy_public", "s3_bucket_public_access"}


@dataclass
class Drift:
    old: Inventory
    new: Inventory
    old_findings: pd.DataFrame
    new_findings: pd.DataFrame
    diff: Diff
    done: dict[str, Any]


def _collect(sb: Sandbox) -> Inventory:
    inventory = toolkit.collect_sync(sb.scope(), tables=TABLES, progress=False)
    assert inventory.errors.empty, inventory.errors.to_string()
    return inventory


@pytest.fixture(scope="module")
def drift() -> Iterator[Drift]:
    with Sandbox() as sb:
        old = _collect(sb)
        old_findings = toolkit.run_checks(old, CHECKS)
        done = _change(sb, old, old_findings)
        new = _collect(sb)
        new_findings = toolkit.run_checks(new, CHECKS, mutes=[done["mute"]])
        diff = toolkit.diff(old, new, old_findings=old_findings, new_findings=new_findings)
        yield Drift(old, new, old_findings, new_findings, diff, done)


def _change(sb: Sandbox, old: Inventory, old_findings: pd.DataFrame) -> dict[str, Any]:
    """Make the six changes; return what was changed, as the first collection names it."""
    dev = sb.truth.account_id("dev")
    s3 = sb.client(sb.boto3_session(dev), "s3", "us-east-1")
    s3.create_bucket(Bucket=NEW_BUCKET)

    buckets = old["s3.buckets"]
    private = buckets[
        ~buckets["pab_block_public_policy"]
        & ~buckets["account_pab_block_public_policy"]
        & ~buckets["policy_public"]
        & ~buckets["acl_public"]
    ].sort_values("name")
    public = private.iloc[0]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{public['name']}/*",
            }
        ],
    }
    owner = sb.boto3_session(public["account_id"])
    sb.client(owner, "s3", public["region"]).put_bucket_policy(
        Bucket=public["name"], Policy=json.dumps(policy)
    )

    keys = old["iam.access_keys"]
    single = keys.groupby(["account_id", "user_name"]).filter(lambda k: len(k) == 1)
    rotated = single.sort_values("access_key_id").iloc[0]
    iam = sb.client(sb.boto3_session(rotated["account_id"]), "iam")
    created = iam.create_access_key(UserName=rotated["user_name"])["AccessKey"]["AccessKeyId"]
    iam.delete_access_key(UserName=rotated["user_name"], AccessKeyId=rotated["access_key_id"])

    instances = old["ec2.instances"]
    gone = instances[(instances["account_id"] == dev) & instances["public_ip"].notna()].iloc[0]
    ec2 = sb.client(sb.boto3_session(dev), "ec2", gone["region"])
    ec2.terminate_instances(InstanceIds=[gone["instance_id"]])

    # A rule whose removal leaves its group's findings as they were: the group keeps another
    # rule open to the internet on an administration port.
    rules = old["ec2.security_group_rules"]
    rdp = rules[
        (rules["direction"] == "ingress") & rules["open_to_internet"] & (rules["from_port"] == 3389)
    ]
    rule = rdp[rdp["group_id"].isin(rules.loc[rules["from_port"] == 22, "group_id"])].iloc[0]
    sb.client(
        sb.boto3_session(rule["account_id"]), "ec2", rule["region"]
    ).revoke_security_group_ingress(
        GroupId=rule["group_id"], SecurityGroupRuleIds=[rule["security_group_rule_id"]]
    )

    touched = {NEW_BUCKET, public["name"], gone["instance_id"], rule["group_id"]}
    failed = old_findings[
        (old_findings["status"] == "FAIL")
        & (old_findings["check_id"] == "s3_bucket_mfa_delete_disabled")
        & ~old_findings["resource_id"].isin(touched)
    ].iloc[0]
    mute = {
        "check": failed["check_id"],
        "account": failed["account_id"],
        "resource": failed["resource_id"],
        "reason": "accepted between the two audits",
        "expires": "2099-12-31",
    }
    return {
        "dev": dev,
        "public": public,
        "rotated": rotated,
        "created_key": created,
        "instance": gone,
        "rule": rule,
        "muted": failed,
        "mute": mute,
    }


def _expected_rows(drift: Drift) -> set[tuple[str, str, str, str, str]]:
    """(table, change, account, key, column) each change must cause, from the first
    collection's rows."""
    done, old = drift.done, drift.old
    dev, public, rotated = done["dev"], done["public"], done["rotated"]
    instance, rule = done["instance"], done["rule"]
    report = old["iam.credential_report"]
    (user_arn,) = report.loc[
        (report["account_id"] == rotated["account_id"]) & (report["user"] == rotated["user_name"]),
        "arn",
    ]
    enis = old["ec2.network_interfaces"]
    attached = enis.loc[
        enis["attachment_instance_id"] == instance["instance_id"], "network_interface_id"
    ]
    assert len(attached), "the terminated instance had a network interface"
    return {
        # a new bucket: a row in each bucket table
        ("s3.buckets", "added", dev, NEW_BUCKET, ""),
        ("s3.bucket_data_protection", "added", dev, NEW_BUCKET, ""),
        # a bucket made public: its policy, now judged public
        ("s3.buckets", "changed", public["account_id"], public["name"], "policy"),
        ("s3.buckets", "changed", public["account_id"], public["name"], "policy_public"),
        # an access key rotated: the old key gone, a new one, the user's only key newer
        ("iam.access_keys", "removed", rotated["account_id"], rotated["access_key_id"], ""),
        ("iam.access_keys", "added", rotated["account_id"], done["created_key"], ""),
        (
            "iam.credential_report",
            "changed",
            rotated["account_id"],
            user_arn,
            "access_key_1_last_rotated",
        ),
        # an instance terminated: its state, and the public address it and its interface had
        ("ec2.instances", "changed", dev, instance["instance_id"], "state"),
        ("ec2.instances", "changed", dev, instance["instance_id"], "public_ip"),
        *(("ec2.network_interfaces", "changed", dev, eni, "public_ip") for eni in attached),
        # a rule removed: the rule, and its group's count of ingress rules
        (
            "ec2.security_group_rules",
            "removed",
            rule["account_id"],
            rule["security_group_rule_id"],
            "",
        ),
        (
            "ec2.security_groups",
            "changed",
            rule["account_id"],
            rule["group_id"],
            "ingress_rule_count",
        ),
    }


def test_the_diff_names_exactly_the_changes_made(drift: Drift) -> None:
    changes = drift.diff.changes
    found = {
        (r.table, r.change, r.account_id, r.key, "" if pd.isna(r.column) else r.column)
        for r in changes.itertuples()
    }
    assert found == _expected_rows(drift)
    assert len(changes) == len(found)  # each once
    done = drift.done
    values = changes.set_index(["table", "key", "column"])
    instance = done["instance"]
    assert values.loc[("ec2.instances", instance["instance_id"], "state"), "old"] == "running"
    assert values.loc[("ec2.instances", instance["instance_id"], "state"), "new"] == "terminated"
    public = values.loc[("s3.buckets", done["public"]["name"], "policy_public")]
    assert (public["old"], public["new"]) == ("False", "True")
    counts = drift.diff.tables.set_index("table")
    assert counts.loc["s3.buckets", "new_rows"] == counts.loc["s3.buckets", "old_rows"] + 1
    assert tuple(counts.loc["s3.buckets", ["added", "removed", "changed"]]) == (1, 0, 1)
    assert tuple(counts.loc["iam.access_keys", ["added", "removed", "changed"]]) == (1, 1, 0)


def test_the_diff_moves_exactly_the_findings_the_changes_move(drift: Drift) -> None:
    done, old, new = drift.done, drift.old_findings, drift.new_findings
    failed_before = old[old["status"] == "FAIL"]
    instance, public = done["instance"]["instance_id"], done["public"]["name"]
    on_new_bucket = new[(new["resource_id"] == NEW_BUCKET) & (new["status"] == "FAIL")]
    assert len(on_new_bucket) >= 3  # a bucket made with no settings fails several checks
    muted = done["muted"]
    expected = {
        *(("new", c, NEW_BUCKET) for c in on_new_bucket["check_id"]),
        *(("new", c, public) for c in PUBLIC_CHECKS),
        *(
            ("resolved", c, instance)
            for c in failed_before.loc[failed_before["resource_id"] == instance, "check_id"]
        ),
        ("newly muted", muted["check_id"], muted["resource_id"]),
    }
    moved = drift.diff.findings
    moved = moved[moved["change"] != "still failing"]
    assert {(r.change, r.check_id, r.resource_id) for r in moved.itertuples()} == expected
    assert any(change == "resolved" for change, _, _ in expected)  # the instance failed some
    still = drift.diff.findings["change"] == "still failing"
    gone = sum(1 for change, _, _ in expected if change in ("resolved", "newly muted"))
    assert still.sum() == len(failed_before) - gone
