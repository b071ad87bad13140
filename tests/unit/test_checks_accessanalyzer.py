"""The Access Analyzer check over small hand-built inventories: one verdict per (account,
region) of the collection, an organization analyzer covering its organization's accounts in its
region only, and nothing said where the analyzers could not be read.

Accounts: M (management, holds the organization analyzer in R1), A (its own analyzer in R2),
B (a disabled analyzer and an unused access one in R2), X (outside the organization).
"""

from __future__ import annotations

import string
from typing import Any

import pandas as pd

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.checks.runner import run_checks
from toolkit.collectors import REGISTRY as TABLES
from toolkit.frameworks import frameworks_of
from toolkit.inventory import Inventory

load_builtin()

M, A, B, X = "111111111111", "222222222222", "333333333333", "444444444444"
R1, R2 = "us-east-1", "eu-west-1"
CHECK = "accessanalyzer_not_enabled"
ORG_ARN = f"arn:aws:access-analyzer:{R1}:{M}:analyzer/org"


def analyzer(account: str, region: str, name: str, kind: str, status: str = "ACTIVE") -> dict:
    return {
        "account_id": account,
        "region": region,
        "arn": f"arn:aws:access-analyzer:{region}:{account}:analyzer/{name}",
        "name": name,
        "type": kind,
        "status": status,
        "created_at": pd.Timestamp("2026-01-01T00:00:00Z"),
    }


def inventory(
    rows: list[dict[str, Any]],
    accounts: list[str] | None = None,
    errors: list[dict[str, str]] | None = None,
    org_members: list[str] | None = None,
) -> Inventory:
    frames = {"accessanalyzer.analyzers": TABLES["accessanalyzer.analyzers"].frame(rows)}
    if org_members is not None:
        frames["organizations.accounts"] = TABLES["organizations.accounts"].frame(
            [{"account_id": M, "region": "global", "id": a} for a in org_members]
        )
    meta = {"accounts": accounts or [M, A, B], "regions": [R1, R2]}
    return Inventory(frames, pd.DataFrame(errors) if errors else None, meta=meta)


ESTATE = [
    analyzer(M, R1, "org", "ORGANIZATION"),
    analyzer(A, R2, "own", "ACCOUNT"),
    analyzer(B, R2, "old", "ACCOUNT", status="DISABLED"),
    analyzer(B, R2, "unused", "ACCOUNT_UNUSED_ACCESS"),
]


def verdicts(inv: Inventory) -> dict[tuple[str, str], tuple[bool, str]]:
    out = CHECKS[CHECK](inv)
    assert (out["resource_id"] == out["account_id"]).all()
    return {
        (row.account_id, row.region): (bool(row.failed), row.detail) for row in out.itertuples()
    }


def test_one_verdict_per_account_and_region() -> None:
    found = verdicts(inventory(ESTATE))
    assert {k: v[0] for k, v in found.items()} == {
        (M, R1): False,
        (A, R1): False,
        (B, R1): False,
        (M, R2): True,
        (A, R2): False,
        (B, R2): True,
    }


def test_details_say_where_it_is_satisfied_and_why_not() -> None:
    found = verdicts(inventory(ESTATE))
    assert found[(M, R1)][1] == "active analyzer org (ORGANIZATION)"
    assert found[(A, R1)][1] == f"covered by the organization analyzer {ORG_ARN} in {M}"
    assert found[(A, R2)][1] == "active analyzer own (ACCOUNT)"
    assert found[(M, R2)][1] == f"no active external access analyzer in {R2}"
    assert found[(B, R2)][1] == (
        f"no active external access analyzer in {R2}; analyzers there: "
        "old (ACCOUNT, DISABLED), unused (ACCOUNT_UNUSED_ACCESS, ACTIVE)"
    )


def test_organization_analyzer_covers_only_its_organization() -> None:
    inv = inventory(ESTATE, accounts=[M, A, B, X], org_members=[M, A, B])
    found = verdicts(inv)
    assert found[(X, R1)] == (True, f"no active external access analyzer in {R1}")
    assert found[(A, R1)][0] is False


def test_disabled_organization_analyzer_covers_nobody() -> None:
    rows = [analyzer(M, R1, "org", "ORGANIZATION", status="DISABLED")]
    found = verdicts(inventory(rows))
    assert all(failed for failed, _ in found.values())
    assert found[(M, R1)][1].endswith("analyzers there: org (ORGANIZATION, DISABLED)")


def test_without_meta_the_table_says_where() -> None:
    inv = Inventory({"accessanalyzer.analyzers": TABLES["accessanalyzer.analyzers"].frame(ESTATE)})
    assert set(verdicts(inv)) == {(M, R1), (A, R2), (B, R2)}


def test_unread_regions_are_not_failed_and_are_reported() -> None:
    gap = {
        "account_id": B,
        "region": R2,
        "table": "accessanalyzer.analyzers",
        "service": "accessanalyzer",
        "error_code": "AccessDeniedException",
        "message": "denied",
    }
    inv = inventory(ESTATE, errors=[gap])
    assert (B, R2) not in verdicts(inv)
    findings = run_checks(inv, checks=CHECK)
    row = findings[(findings["account_id"] == B) & (findings["region"] == R2)]
    assert list(row["status"].astype(str)) == ["ERROR"]


def test_empty_inventory() -> None:
    inv = Inventory({"accessanalyzer.analyzers": TABLES["accessanalyzer.analyzers"].empty()})
    out = CHECKS[CHECK](inv)
    assert out.empty and "failed" in out


def test_metadata_and_mapping() -> None:
    entry = CHECKS[CHECK]
    assert entry.service == "accessanalyzer" and entry.tables == ("accessanalyzer.analyzers",)
    assert frameworks_of(CHECK) == {"CIS-3.0": ["1.20"]}
    fields = {f for _, f, _, _ in string.Formatter().parse(entry.remediation_cli) if f}
    assert fields == {"region"}
