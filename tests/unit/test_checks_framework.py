"""run_checks: statuses, gaps, mutes and custom checks, on small inventories."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import evaluate, select
from toolkit.checks.mutes import load_mutes
from toolkit.collectors import REGISTRY as TABLES
from toolkit.errors import UsageError
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"


def buckets(*rows: dict) -> pd.DataFrame:
    base = {"region": "us-east-1", "versioning": "Enabled"}
    return TABLES["s3.buckets"].frame(
        {**base, **row, "arn": f"arn:aws:s3:::{row['name']}"} for row in rows
    )


def inventory(errors: list[dict] | None = None) -> Inventory:
    frame = buckets(
        {"account_id": A, "name": "kept", "versioning": "Enabled"},
        {"account_id": A, "name": "loose-1", "versioning": "Disabled"},
        {"account_id": B, "name": "loose-2", "versioning": "Suspended"},
    )
    return Inventory({"s3.buckets": frame}, pd.DataFrame(errors or []))


def statuses(findings: pd.DataFrame, check: str) -> dict:
    rows = findings[findings["check_id"] == check]
    return dict(zip(rows["resource_id"], rows["status"].astype(str), strict=True))


def test_pass_and_fail_rows_with_metadata() -> None:
    findings = toolkit.run_checks(inventory(), checks="s3_bucket_versioning_disabled")
    assert statuses(findings, "s3_bucket_versioning_disabled") == {
        "kept": "PASS",
        "loose-1": "FAIL",
        "loose-2": "FAIL",
    }
    row = findings.iloc[0]
    # FSBP S3.14 (versioning) belongs to NIST 800-53 in Security Hub, not to FSBP: no mapping
    assert row["severity"] == "low" and row["frameworks"] == ""
    assert list(findings.columns) == [
        "check_id", "title", "severity", "status", "service", "account_id", "region",
        "resource_id", "resource_arn", "detail", "remediation", "frameworks",
    ]  # fmt: skip
    assert findings["severity"].cat.ordered
    assert findings["severity"].cat.categories[-1] == "critical"


def test_errored_table_is_a_gap_not_a_pass() -> None:
    gap = {"account_id": A, "region": "global", "table": "s3.buckets", "service": "s3",
           "error_code": "AccessDenied", "message": "no"}  # fmt: skip
    inv = inventory([gap])
    # What was read in account A before the error must not count as clean either.
    findings = toolkit.run_checks(inv, checks="s3_bucket_versioning_disabled")
    a_rows = findings[findings["account_id"] == A]
    assert "PASS" not in set(a_rows["status"].astype(str))
    errors = findings[findings["status"] == "ERROR"]
    assert len(errors) == 1 and "AccessDenied" in errors.iloc[0]["detail"]
    assert statuses(findings, "s3_bucket_versioning_disabled")["loose-2"] == "FAIL"


def test_missing_table_is_named() -> None:
    findings = toolkit.run_checks(Inventory({}), checks="s3_bucket_versioning_disabled")
    assert list(findings["status"].astype(str)) == ["ERROR"]
    assert "s3.buckets was not collected" in findings.iloc[0]["detail"]


def test_mutes_hide_exactly_what_they_name_until_they_expire() -> None:
    mutes = [
        {"check": "s3_bucket_versioning_disabled", "account": A, "resource": "loose-*",
         "reason": "scratch", "expires": "2027-01-31"},
        {"check": "s3_bucket_versioning_disabled", "account": B, "resource": "loose-2",
         "reason": "old", "expires": dt.date(2026, 1, 1)},
    ]  # fmt: skip
    today = dt.date(2026, 11, 22)
    findings = toolkit.run_checks(inventory(), "s3_bucket_versioning_disabled", mutes, today=today)
    assert statuses(findings, "s3_bucket_versioning_disabled") == {
        "kept": "PASS",
        "loose-1": "MUTED",
        "loose-2": "FAIL",  # its mute expired
    }
    assert [m["resource"] for m in findings.attrs["expired_mutes"]] == ["loose-2"]
    later = toolkit.run_checks(inventory(), "s3_bucket_versioning_disabled", mutes,
                               today=dt.date(2027, 2, 1))  # fmt: skip
    assert "MUTED" not in set(later["status"].astype(str))


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{"check": "x", "reason": "r"}], "missing expires"),
        ([{"check": "x", "reason": "r", "expires": "soon"}], "write a date"),
        (
            [{"check": "x", "reason": "r", "expires": "2027-01-01", "resource": "a[b"}],
            "bad resource pattern",
        ),
        ([{"check": "x", "reason": "r", "expires": "2027-01-01", "acount": "1"}], "unknown key"),
        ({"check": "x"}, "must be a list"),
    ],
)
def test_bad_mutes_are_named(entries, message, tmp_path) -> None:
    import yaml

    path = tmp_path / "mutes.yaml"
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(UsageError, match=message):
        load_mutes(path)


def define_custom_check() -> None:
    """A custom check, defined as a user would in a notebook cell."""

    @toolkit.check(
        title="Bucket name says it is temporary",
        severity="informational",
        service="s3",
        resource_type="AWS::S3::Bucket",
        tables=["s3.buckets"],
        description="Buckets named loose-* are meant to be deleted.",
        risk="Forgotten data.",
        remediation="Delete the bucket when done.",
    )
    def s3_custom_loose_bucket(inv: Inventory) -> pd.DataFrame:
        b = inv["s3.buckets"]
        return evaluate(b, b["name"].str.startswith("loose-"), b["name"], "named loose-*", b["arn"])


def test_custom_check_runs_with_the_builtins() -> None:
    define_custom_check()
    try:
        findings = toolkit.run_checks(inventory())
        assert "s3_custom_loose_bucket" in set(findings["check_id"])
        assert "s3_bucket_versioning_disabled" in set(findings["check_id"])
        assert statuses(findings, "s3_custom_loose_bucket")["loose-1"] == "FAIL"
        assert not CHECKS["s3_custom_loose_bucket"].builtin
    finally:  # the registry is the process's: leave it as the built-ins made it
        CHECKS.pop("s3_custom_loose_bucket", None)


def test_invalid_metadata_is_refused() -> None:
    with pytest.raises(UsageError, match="severity must be one of"):
        toolkit.check(
            title="t", severity="urgent", service="s3", resource_type="r", tables=["s3.buckets"],
            description="d", risk="r", remediation="r",
        )(lambda inv: inv)  # fmt: skip
    with pytest.raises(UsageError, match="unknown table"):

        @toolkit.check(
            title="t", severity="low", service="s3", resource_type="r", tables=["s3.bucketz"],
            description="d", risk="r", remediation="r",
        )  # fmt: skip
        def s3_typo(inv):
            return inv


def test_select_names() -> None:
    assert {c.service for c in select("s3")} == {"s3"}
    with pytest.raises(UsageError, match="Unknown check or service"):
        select("s3_no_such_check")


def test_every_builtin_check_has_complete_metadata() -> None:
    builtin = [c for c in select() if c.builtin]
    assert len({c.check_id for c in builtin}) == len(builtin)
    for entry in builtin:
        assert entry.function.__name__ == entry.check_id
        # toolkit.checks.<service>.<check_id>: one file per check, in its service's folder
        _, _, folder, name = entry.function.__module__.split(".")
        assert name == entry.check_id
        assert folder.rstrip("_") in (entry.service, entry.service.replace("-", "_"))
