"""Remediation on a sandbox of its own (apply writes): plan, apply, collect again, check.

That sandbox is the demo estate restored from the state a freshly seeded one saved, so before
anything is written it also shows that a restored estate answers exactly as a freshly seeded
one: one restore and one full collection serve both."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from types import SimpleNamespace

import pandas as pd
import pytest

import toolkit
from toolkit import remediate
from toolkit.collectors import REGISTRY
from toolkit.errors import UsageError
from toolkit.remediate.fixers import FIXERS
from toolkit.sandbox import Sandbox, saved_state

#: Columns the sandbox makes up anew on every read (moto invents a delivery time per call).
VOLATILE = {
    ("cloudtrail.trails", "latest_delivery_time"),
    ("iam.roles", "last_used_date"),  # AWS records the roles a run assumes, as the sandbox does
}
READS = ("List", "Get", "Describe", "GenerateCredentialReport")


@pytest.fixture(scope="module")
def restored(tmp_path_factory) -> Iterator[SimpleNamespace]:
    """The demo estate seeded afresh (and saved) in a sandbox that is collected and stopped,
    then restored from what it saved in the sandbox remediation writes to; and what each
    answered before any test asked: collection, ground truth, what each member account sees
    of its organization, and the restored one's request counts."""
    cache = tmp_path_factory.mktemp("saved-estate")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(saved_state.ENV_VAR, str(cache))
        with Sandbox() as seeded:
            first = toolkit.collect_sync(seeded.scope(), progress=False)
            seeded_truth = seeded.truth.to_dict()
            seeded_views = _members_views(seeded)
        saved = sorted(p.suffix for p in cache.iterdir())
        running = Sandbox().start()  # restored from what the seeded one saved
    try:
        yield SimpleNamespace(
            sandbox=running,
            counts=running.request_counts(),
            truth=running.truth.to_dict(),
            views=_members_views(running),
            saved=saved,
            seeded=SimpleNamespace(inventory=first, truth=seeded_truth, views=seeded_views),
        )
    finally:
        running.stop()


@pytest.fixture(scope="module")
def own_sandbox(restored: SimpleNamespace) -> Sandbox:
    """The restored demo estate, the remediation tests' own: they write to it."""
    return restored.sandbox


@pytest.fixture(scope="module")
def before(own_sandbox: Sandbox):
    inventory = toolkit.collect_sync(own_sandbox.scope(), progress=False)
    findings = toolkit.run_checks(inventory)
    return inventory, findings, remediate.plan(findings, inventory=inventory)


def test_restored_estate_answers_as_a_freshly_seeded_one(restored: SimpleNamespace, before) -> None:
    """The first start seeds and saves; the second restores. Both must serve the same estate
    (before remediation writes to the restored one): the same ground truth, every table the
    same, and the same findings."""
    seeded = restored.seeded
    assert restored.saved == [".json", ".lock", ".pickle"]
    assert restored.counts == {}
    assert restored.truth == seeded.truth
    # state moto keeps beside its per-account backends (Organizations' member index)
    assert restored.views == seeded.views
    first, (second, second_findings, _) = seeded.inventory, before
    assert first.tables == second.tables
    for name in first.tables:
        assert _comparable(first[name]).equals(_comparable(second[name])), name
    columns = ["check_id", "account_id", "region", "resource_id", "status"]
    assert (
        toolkit.run_checks(first)[columns]
        .sort_values(columns)
        .reset_index(drop=True)
        .equals(second_findings[columns].sort_values(columns).reset_index(drop=True))
    )


def test_plan_covers_every_fixer_and_makes_no_call(own_sandbox: Sandbox, before) -> None:
    _, findings, plan = before
    fixable = {c for fixer in FIXERS for c in fixer.checks}
    failing = set(findings.loc[findings["status"] == "FAIL", "check_id"]) & fixable
    assert set(plan["check_id"]) <= failing
    assert {"s3", "s3control", "ec2", "iam", "kms", "cloudtrail"} <= set(plan["service"])
    assert plan["cli"].str.startswith("aws ").all() and plan["risk"].str.len().gt(0).all()
    revokes = plan[plan["operation"] == "revoke_security_group_ingress"]
    assert len(revokes) >= 4  # one per open admin rule, exactly that rule, named by its id
    for parameters, cli in zip(revokes["parameters"], revokes["cli"], strict=True):
        rule_ids = json.loads(parameters)["SecurityGroupRuleIds"]
        assert len(rule_ids) == 1 and f"--security-group-rule-ids {rule_ids[0]}" in cli
    own_sandbox.reset_counts()
    remediate.plan(findings, inventory=before[0])
    assert own_sandbox.request_counts() == {}


def test_revokes_without_rule_ids_name_the_permission(before) -> None:
    """An inventory without AWS's rule ids (an older snapshot) still revokes exactly the rule:
    its permission with that one source."""
    inventory, findings, plan = before
    tables = {name: inventory[name] for name in inventory.tables}
    rules = tables["ec2.security_group_rules"].copy()
    rules["security_group_rule_id"] = pd.Series(pd.NA, index=rules.index, dtype="string")
    tables["ec2.security_group_rules"] = rules
    older = remediate.plan(findings, inventory=toolkit.Inventory(tables))
    revokes = older[older["operation"] == "revoke_security_group_ingress"]
    assert len(revokes) == (plan["operation"] == "revoke_security_group_ingress").sum()
    for parameters in revokes["parameters"]:
        (permission,) = json.loads(parameters)["IpPermissions"]
        ranges = permission.get("IpRanges", []) + permission.get("Ipv6Ranges", [])
        assert len(ranges) == 1


def test_without_confirmation_nothing_is_written(
    own_sandbox: Sandbox, before, tmp_path, sandbox_env
) -> None:
    _, _, plan = before
    own_sandbox.reset_counts()
    with pytest.raises(UsageError, match="confirm=True"):
        remediate.apply(plan, own_sandbox.scope())
    path = tmp_path / "plan.csv"
    plan.to_csv(path, index=False)
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "remediate", "apply", str(path),
         "--endpoint-url", own_sandbox.endpoint_url, "--accounts", "organization",
         "--regions", "us-east-1,eu-west-1"],
        capture_output=True, text=True, env=sandbox_env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Nothing was changed" in done.stdout and plan["cli"].iloc[0] in done.stdout
    writes = [op for op in own_sandbox.request_counts() if not op.split(".")[1].startswith(READS)]
    assert writes == []


def test_apply_fixes_exactly_what_it_planned(own_sandbox: Sandbox, before, tmp_path) -> None:
    inventory, findings, plan = before
    log = tmp_path / "audit.jsonl"
    results = remediate.apply(plan, own_sandbox.scope(), confirm=True, audit_log=log)
    assert set(results["status"]) == {"done"}, results[results["status"] != "done"].to_string()

    after = toolkit.collect_sync(own_sandbox.scope(), progress=False)
    refindings = toolkit.run_checks(after)
    status = {
        (r.check_id, r.account_id, r.resource_id): str(r.status) for r in refindings.itertuples()
    }
    for action in plan.itertuples():
        target = action.resource_id
        if action.operation == "update_access_key":  # the finding names the user
            target = json.loads(action.parameters)["UserName"]
        if action.check_id.startswith("iam_password_policy"):
            target = action.account_id
        assert status.get((action.check_id, action.account_id, target)) == "PASS", action

    allowed: dict[str, set[str]] = {}
    for fixer in FIXERS:
        for table, columns in fixer.changes:
            allowed.setdefault(table, set()).update(columns)
    for table, columns in _changed_columns(inventory, after).items():
        assert table in allowed, (table, columns)
        assert "*" in allowed[table] or columns <= allowed[table], (table, columns - allowed[table])

    # The audit log holds every action with its before and after state ...
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(lines) == len(plan)
    # "before" is None where the setting was not configured at all (no policy, no block).
    assert all("before" in entry and entry["after"] is not None and entry["who"] for entry in lines)
    assert any(entry["before"] is not None for entry in lines)
    # ... and survives a second apply, which finds everything compliant and skips it.
    again = remediate.apply(plan, own_sandbox.scope(), confirm=True, audit_log=log)
    assert set(again["status"]) == {"skipped"}
    second = log.read_text().splitlines()
    assert len(second) == 2 * len(plan) and [json.loads(x) for x in second[: len(plan)]] == lines


def _changed_columns(first, second) -> dict[str, set[str]]:
    """Per table, the columns whose values differ between two collections (rows by key)."""
    changed: dict[str, set[str]] = {}
    for name in first.tables:
        key = ["account_id", "region", *REGISTRY[name].key]
        a, b = first[name], second[name]
        if not REGISTRY[name].key:  # no key: compare the sorted rows as a whole
            sort = list(a.columns)
            a, b = a.sort_values(sort, ignore_index=True), b.sort_values(sort, ignore_index=True)
            if (
                not a.astype(object)
                .fillna("<NA>")
                .astype(str)
                .equals(b.astype(object).fillna("<NA>").astype(str))
            ):
                changed[name] = {"*"}
            continue
        merged = a.merge(b, on=key, how="outer", suffixes=("_a", "_b"), indicator=True)
        if (merged["_merge"] != "both").any():
            changed.setdefault(name, set()).add("rows")
        for column in a.columns:
            if column in key or (name, column) in VOLATILE:
                continue
            left = merged[f"{column}_a"].astype(object).fillna("<NA>").astype(str)
            right = merged[f"{column}_b"].astype(object).fillna("<NA>").astype(str)
            if (left != right).any():
                changed.setdefault(name, set()).add(column)
    return changed


def test_plan_from_findings_file_and_bad_plans(before, tmp_path, sandbox_env) -> None:
    _, findings, _ = before
    source = tmp_path / "findings.csv"
    findings.to_csv(source, index=False)
    out = tmp_path / "plan.csv"
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "remediate", "plan", "--findings", str(source), "-o", str(out)],
        capture_output=True, text=True, env=sandbox_env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    planned = pd.read_csv(out)
    assert "revoke_security_group_ingress" not in set(planned["operation"])  # needs the inventory
    assert "need a snapshot" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "remediate", "apply", str(bad), "--yes", "--demo"],
        capture_output=True, text=True, env=sandbox_env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "not a remediation plan" in done.stderr


def _members_views(sandbox: Sandbox) -> dict[str, str]:
    """What each member account sees of its organization (DescribeOrganization)."""
    views = {}
    for account in sandbox.truth.account_ids:
        orgs = sandbox.client(sandbox.boto3_session(account), "organizations")
        views[account] = orgs.describe_organization()["Organization"]["MasterAccountId"]
    return views


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table without what differs between two runs by nature: times of the run itself."""
    volatile = [  # moto answers these with the time of the request; a queue's URL holds the
        # address of the server that answers, whose port differs between the two sandboxes
        c
        for c in frame.columns
        if c in ("latest_delivery_time", "last_used_date", "queue_url")
    ]
    kept = frame.drop(columns=volatile)
    return kept.sort_values(list(kept.columns)).reset_index(drop=True).astype(str)
