"""toolkit.compliance: every control of a standard gets a status, from hand-built findings."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit import frameworks
from toolkit.compliance import compliance
from toolkit.errors import UsageError
from toolkit.reports import sections

A = "111111111111"


def findings(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(check_id, status, resource_id) rows, in the columns run_checks gives."""
    frame = pd.DataFrame(
        [
            {
                "account_id": A,
                "check_id": check,
                "status": status,
                "resource_id": resource,
                "detail": f"could not read {resource}" if status == "ERROR" else "",
            }
            for check, status, resource in rows
        ],
        columns=["account_id", "check_id", "status", "resource_id", "detail"],
    )
    return frame.astype({"status": "category"})


def row(table: pd.DataFrame, control_id: str) -> pd.Series:
    return table.set_index("control_id").loc[control_id]


def test_one_row_per_control_in_the_standards_order() -> None:
    table = compliance(findings())
    assert list(table["control_id"]) == frameworks.load("cis-3.0").ids
    assert list(table.columns) == [
        "control_id",
        "title",
        "section",
        "level",
        "status",
        "checks",
        "pass",
        "fail",
        "error",
        "muted",
        "detail",
    ]
    assert row(table, "1.1")["title"] == "Maintain current contact details"
    assert table.attrs["framework"]["version"] == "3.0.0"


def test_fsbp_rows_carry_severity_instead_of_section_and_level() -> None:
    table = compliance(findings(("kms_key_policy_public", "FAIL", "key-1")), "aws-fsbp")
    assert len(table) == 369
    assert "severity" in table and "section" not in table and "level" not in table
    kms5 = row(table, "KMS.5")
    assert (kms5["severity"], kms5["status"], kms5["fail"]) == ("critical", "FAIL", 1)


def test_manual_controls_stay_manual_unless_a_check_fails() -> None:
    table = compliance(findings(("iam_root_hardware_mfa_disabled", "PASS", "root")))
    assert row(table, "1.1")["status"] == "MANUAL"  # no check at all
    assert row(table, "1.6")["status"] == "MANUAL"  # a pass does not settle a manual control
    failed = compliance(findings(("iam_root_hardware_mfa_disabled", "FAIL", "root")))
    assert row(failed, "1.6")["status"] == "FAIL"
    assert "root" in row(failed, "1.6")["detail"]


def test_an_automatable_control_without_a_check_is_no_check() -> None:
    table = compliance(findings(("iam_root_mfa_disabled", "PASS", "root")), "aws-fsbp")
    assert row(table, "WorkSpaces.1")["status"] == "NO CHECK"  # no WorkSpaces check
    assert row(table, "WorkSpaces.1")["checks"] == ""


def test_every_automatable_cis_control_has_a_check() -> None:
    """Issue 15: CIS v3.0.0 is answered whole: no automatable control is NO CHECK."""
    table = compliance(findings(("iam_root_mfa_disabled", "PASS", "root")))
    assert "NO CHECK" not in set(table["status"])


def test_fail_pass_and_muted() -> None:
    table = compliance(
        findings(
            ("iam_root_access_keys_present", "FAIL", "root"),
            ("iam_root_access_keys_present", "PASS", "root-2"),
            ("iam_root_mfa_disabled", "PASS", "root"),
            ("iam_root_mfa_disabled", "MUTED", "root-2"),
        )
    )
    keys, mfa = row(table, "1.4"), row(table, "1.5")
    assert (keys["status"], keys["fail"], keys["pass"]) == ("FAIL", 1, 1)
    assert "1 failing: root" in keys["detail"]
    assert (mfa["status"], mfa["pass"], mfa["muted"], mfa["fail"]) == ("PASS", 1, 1, 0)


def test_a_muted_failure_alone_is_not_a_fail() -> None:
    table = compliance(findings(("iam_root_mfa_disabled", "MUTED", "root")))
    assert row(table, "1.5")["status"] == "PASS"
    assert row(table, "1.5")["muted"] == 1


def test_gaps_and_silence_are_not_evaluated() -> None:
    table = compliance(
        findings(
            ("iam_root_mfa_disabled", "PASS", "root"),
            ("iam_root_mfa_disabled", "ERROR", "iam.summary"),
            ("iam_root_access_keys_present", "ERROR", "iam.summary"),
        )
    )
    mixed, only_gap = row(table, "1.5"), row(table, "1.4")
    assert (mixed["status"], mixed["pass"], mixed["error"]) == ("NOT EVALUATED", 1, 1)
    assert "gap" in mixed["detail"] and "iam_root_mfa_disabled" in mixed["detail"]
    assert "could not read iam.summary" in mixed["detail"]
    assert only_gap["status"] == "NOT EVALUATED"
    silent = row(table, "3.1")  # cloudtrail_not_enabled produced no rows
    assert silent["status"] == "NOT EVALUATED" and "no findings" in silent["detail"]


def test_a_fail_beside_a_gap_is_a_fail_that_names_the_gap() -> None:
    table = compliance(
        findings(
            ("iam_root_access_keys_present", "FAIL", "root"),
            ("iam_root_access_keys_present", "ERROR", "iam.summary"),
        )
    )
    assert row(table, "1.4")["status"] == "FAIL"
    assert "gap" in row(table, "1.4")["detail"]


def test_every_status_arises() -> None:
    table = compliance(
        findings(
            ("iam_root_access_keys_present", "FAIL", "root"),
            ("iam_root_mfa_disabled", "PASS", "root"),
        )
    )
    assert set(table["status"]) == {"FAIL", "PASS", "MANUAL", "NOT EVALUATED"}
    fsbp = compliance(findings(("iam_root_access_keys_present", "FAIL", "root")), "aws-fsbp")
    assert "NO CHECK" in set(fsbp["status"])


def test_findings_without_the_columns_are_refused() -> None:
    with pytest.raises(UsageError, match="check_id"):
        compliance(pd.DataFrame({"status": ["PASS"]}))
    with pytest.raises(UsageError, match="Unknown framework"):
        compliance(findings(), "nist")


def test_the_toolkit_export_and_the_report_section() -> None:
    frame = findings(("iam_root_access_keys_present", "FAIL", "root"))
    first = toolkit.compliance(frame)
    import toolkit.compliance as module  # importing the module must not break the call

    assert module is not None
    second = toolkit.compliance(frame, "cis-3.0")
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(sections.compliance_table(frame), first)
    assert len(sections.compliance_table(frame, "aws-fsbp")) == 369
