"""The ground truth explains a FAIL by an expected default whose check is an fnmatch pattern."""

from __future__ import annotations

from toolkit.sandbox.truth import GroundTruth

REASON = "no trail of this account delivers to CloudWatch Logs"


def truth() -> GroundTruth:
    return GroundTruth(
        expected_findings=[
            {
                "check": "cloudwatch_*_not_monitored",
                "account_id": "111111111111",
                "resource": "*",
                "reason": REASON,
            },
            {
                "check": "s3_bucket_mfa_delete_disabled",
                "account_id": "*",
                "resource": "b-*",
                "reason": "defaults",
            },
        ],
        planted=[
            {
                "check": "cloudwatch_root_usage_not_monitored",
                "account_id": "222222222222",
                "resource_id": "222222222222",
            }
        ],
    )


def test_a_check_pattern_explains_every_check_it_matches() -> None:
    known = truth()
    for check in ("cloudwatch_root_usage_not_monitored", "cloudwatch_vpc_changes_not_monitored"):
        assert known.explains(check, "111111111111", "111111111111") == REASON


def test_a_check_pattern_explains_nothing_else() -> None:
    known = truth()
    assert known.explains("cloudwatch_root_usage_not_monitored", "333333333333", "x") is None
    assert known.explains("cloudtrail_not_enabled", "111111111111", "111111111111") is None
    assert known.explains("cloudwatch_root_usage_monitored", "111111111111", "x") is None


def test_a_plain_check_name_still_matches_only_itself() -> None:
    known = truth()
    assert known.explains("s3_bucket_mfa_delete_disabled", "1", "b-1") == "defaults"
    assert known.explains("s3_bucket_mfa_delete_disabled_x", "1", "b-1") is None
    assert (
        known.explains("cloudwatch_root_usage_not_monitored", "222222222222", "222222222222")
        == "planted"
    )
