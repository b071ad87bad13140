"""CIS 4.1-4.15 monitoring checks: the audit procedure's chain per account (trail -> log group ->
metric filter -> alarm -> confirmed SNS topic), organization trails, the named missing link and
gaps left to the runner."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest

import toolkit
from toolkit.checks import REGISTRY, load_builtin
from toolkit.checks.cloudwatch._benchmark import BENCHMARKS
from toolkit.checks.cloudwatch._shared import CHAIN_TABLES
from toolkit.collectors import REGISTRY as TABLES
from toolkit.frameworks import load
from toolkit.inventory import Inventory

MGMT, MEMBER, OUTSIDER = "111111111111", "222222222222", "333333333333"
EAST = "us-east-1"
GROUP = "aws-cloudtrail-logs-examplecorp"
GROUP_ARN = f"arn:aws:logs:{EAST}:{MGMT}:log-group:{GROUP}"
TOPIC = f"arn:aws:sns:{EAST}:{MGMT}:security-alarms"
PENDING_TOPIC = f"arn:aws:sns:{EAST}:{MGMT}:unwatched-alarms"
ROOT = "cloudwatch_root_usage_not_monitored"
CHECK_OF = {
    "4.1": "cloudwatch_unauthorized_api_calls_not_monitored",
    "4.2": "cloudwatch_console_signin_without_mfa_not_monitored",
    "4.3": ROOT,
    "4.4": "cloudwatch_iam_policy_changes_not_monitored",
    "4.5": "cloudwatch_cloudtrail_changes_not_monitored",
    "4.6": "cloudwatch_console_auth_failures_not_monitored",
    "4.7": "cloudwatch_cmk_disable_or_deletion_not_monitored",
    "4.8": "cloudwatch_s3_bucket_policy_changes_not_monitored",
    "4.9": "cloudwatch_config_changes_not_monitored",
    "4.10": "cloudwatch_security_group_changes_not_monitored",
    "4.11": "cloudwatch_nacl_changes_not_monitored",
    "4.12": "cloudwatch_network_gateway_changes_not_monitored",
    "4.13": "cloudwatch_route_table_changes_not_monitored",
    "4.14": "cloudwatch_vpc_changes_not_monitored",
    "4.15": "cloudwatch_organizations_changes_not_monitored",
}
#: The monitoring tables as another helper declares them (brief's columns), built here directly.
COLUMNS: dict[str, dict[str, str]] = {
    "logs.log_groups": {
        "log_group_name": "string",
        "arn": "string",
        "retention_in_days": "Int64",
        "kms_key_id": "string",
    },
    "logs.metric_filters": {
        "log_group_name": "string",
        "filter_name": "string",
        "filter_pattern": "string",
        "metric_name": "string",
        "metric_namespace": "string",
        "metric_value": "string",
    },
    "cloudwatch.alarms": {
        "alarm_name": "string",
        "alarm_arn": "string",
        "namespace": "string",
        "metric_name": "string",
        "statistic": "string",
        "comparison_operator": "string",
        "threshold": "float64",
        "evaluation_periods": "Int64",
        "actions_enabled": "boolean",
        "alarm_actions": "string",
        "state_value": "string",
    },
    "sns.topics": {
        "topic_arn": "string",
        "name": "string",
        "kms_master_key_id": "string",
        "policy": "string",
        "subscriptions_confirmed": "Int64",
        "subscriptions_pending": "Int64",
    },
    "sns.subscriptions": {
        "subscription_arn": "string",
        "topic_arn": "string",
        "protocol": "string",
        "endpoint": "string",
        "owner": "string",
        "confirmed": "boolean",
    },
}


def frame(table: str, *rows: dict[str, Any], **common: Any) -> pd.DataFrame:
    if table in COLUMNS:
        dtypes = {"account_id": "string", "region": "string", **COLUMNS[table]}
        data = pd.DataFrame([{**common, **r} for r in rows], columns=list(dtypes))
        return data.astype(dtypes)
    return TABLES[table].frame([{**common, **r} for r in rows])


def trail(name: str, account: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "arn": f"arn:aws:cloudtrail:{EAST}:{account}:trail/{name}",
        "account_id": account,
        "home_region": EAST,
        "is_multi_region": True,
        "is_logging": True,
        "is_organization_trail": False,
        "has_custom_event_selectors": False,
        "cloud_watch_logs_log_group_arn": None,
        **fields,
    }


def estate(control: str = "4.3", pattern: str | None = None, **changes: Any) -> dict[str, Any]:
    """The demo's shape: an organization trail of the management account delivering to a log
    group with a complete chain for ``control``; an account outside the organization with a
    single-region trail. ``changes`` replace whole tables' rows."""
    metric = BENCHMARKS[control].metric
    rows: dict[str, Any] = {
        "trails": [
            trail("org-trail", MGMT, is_organization_trail=True,
                  cloud_watch_logs_log_group_arn=GROUP_ARN + ":*"),
            trail("prod-trail", OUTSIDER, is_multi_region=False),
        ],
        "selectors": [],
        "groups": [{"log_group_name": GROUP, "arn": GROUP_ARN, "account_id": MGMT}],
        "filters": [
            {"filter_name": metric, "log_group_name": GROUP, "account_id": MGMT,
             "filter_pattern": pattern or BENCHMARKS[control].patterns[0],
             "metric_name": metric, "metric_namespace": "CISBenchmark", "metric_value": "1"}
        ],
        "alarms": [
            {"alarm_name": f"{metric}-alarm", "namespace": "CISBenchmark", "metric_name": metric,
             "actions_enabled": True, "alarm_actions": json.dumps([TOPIC]), "account_id": MGMT}
        ],
        "topics": [
            {"topic_arn": TOPIC, "name": "security-alarms", "subscriptions_confirmed": 1,
             "subscriptions_pending": 0, "account_id": MGMT},
            {"topic_arn": PENDING_TOPIC, "name": "unwatched-alarms",
             "subscriptions_confirmed": 0, "subscriptions_pending": 1, "account_id": MGMT},
        ],
        "subscriptions": [
            {"subscription_arn": TOPIC + ":0f1e", "topic_arn": TOPIC, "protocol": "email",
             "confirmed": True, "account_id": MGMT},
            {"subscription_arn": None, "topic_arn": PENDING_TOPIC, "protocol": "email",
             "confirmed": False, "account_id": MGMT},
        ],
        "organization": [{"id": MGMT}, {"id": MEMBER}],
    }  # fmt: skip
    rows.update(changes)
    return rows


def inventory(rows: dict[str, Any], errors: list[dict[str, Any]] | None = None) -> Inventory:
    frames = {
        "cloudtrail.trails": frame("cloudtrail.trails", *rows["trails"], region=EAST),
        "cloudtrail.event_selectors": frame(
            "cloudtrail.event_selectors", *rows["selectors"], region=EAST
        ),
        "logs.log_groups": frame("logs.log_groups", *rows["groups"], region=EAST),
        "logs.metric_filters": frame("logs.metric_filters", *rows["filters"], region=EAST),
        "cloudwatch.alarms": frame("cloudwatch.alarms", *rows["alarms"], region=EAST),
        "sns.topics": frame("sns.topics", *rows["topics"], region=EAST),
        "sns.subscriptions": frame("sns.subscriptions", *rows["subscriptions"], region=EAST),
    }
    if rows["organization"] is not None:
        frames["organizations.accounts"] = frame(
            "organizations.accounts", *rows["organization"], account_id=MGMT, region="global"
        )
    meta = {"accounts": [MGMT, MEMBER, OUTSIDER]}
    return Inventory(frames, pd.DataFrame(errors) if errors else None, meta=meta)


def findings(inv: Inventory, check: str = ROOT) -> dict[str, tuple[str, str]]:
    """account -> (status, detail)."""
    found = toolkit.run_checks(inv, checks=check)
    assert (found["check_id"] == check).all()
    return {
        r.account_id: (str(r.status), r.detail)
        for r in found.itertuples()
        if str(r.status) != "ERROR"
    }


CHAIN = (
    f"org-trail -> log group {GROUP} -> metric filter root_usage_metric "
    "(CISBenchmark/root_usage_metric) -> alarm root_usage_metric-alarm -> topic security-alarms"
)
NO_TRAIL = "no multi-region logging trail with all management events delivers to CloudWatch Logs"


def test_a_complete_chain_passes_and_covers_the_organization() -> None:
    result = findings(inventory(estate()))
    assert result == {
        MGMT: ("PASS", CHAIN),
        MEMBER: ("PASS", f"covered by organization trail org-trail of {MGMT}: {CHAIN}"),
        OUTSIDER: ("FAIL", f"{NO_TRAIL}; trails: prod-trail (single-region; no CloudWatch Logs)"),
    }


def test_without_the_organization_table_an_organization_trail_covers_every_account() -> None:
    result = findings(inventory(estate(organization=None)))
    assert {a: s for a, (s, _) in result.items()} == {
        MGMT: "PASS",
        MEMBER: "PASS",
        OUTSIDER: "PASS",
    }


def test_rows_are_one_per_account_with_the_account_as_resource() -> None:
    found = toolkit.run_checks(inventory(estate()), checks=ROOT)
    assert sorted(found["resource_id"]) == [MGMT, MEMBER, OUTSIDER]
    assert set(found["region"]) == {"global"}
    assert set(found["severity"].astype(str)) == {"medium"}


@pytest.mark.parametrize(
    "trail_fields, reason",
    [
        ({"is_multi_region": False}, "single-region"),
        ({"is_logging": False}, "not logging"),
        ({"cloud_watch_logs_log_group_arn": None}, "no CloudWatch Logs"),
        ({"is_logging": False, "cloud_watch_logs_log_group_arn": None},
         "not logging; no CloudWatch Logs"),
    ],
)  # fmt: skip
def test_a_trail_that_does_not_count_is_named_with_why(trail_fields, reason) -> None:
    trails = [
        trail("org-trail", MGMT, is_organization_trail=True,
              **{"cloud_watch_logs_log_group_arn": GROUP_ARN + ":*", **trail_fields}),
    ]  # fmt: skip
    result = findings(inventory(estate(trails=trails)))
    assert result[MGMT] == ("FAIL", f"{NO_TRAIL}; trails: org-trail ({reason})")
    assert result[MEMBER] == (
        "FAIL",
        f"{NO_TRAIL}; trails: org-trail (organization trail of {MGMT}; {reason})",
    )
    assert result[OUTSIDER] == ("FAIL", f"{NO_TRAIL}; trails: none")


def test_a_trail_logging_only_write_management_events_does_not_count() -> None:
    arn = f"arn:aws:cloudtrail:{EAST}:{MGMT}:trail/org-trail"
    selectors = [
        {"trail_arn": arn, "kind": "basic", "read_write_type": "WriteOnly",
         "include_management_events": True, "account_id": MGMT}
    ]  # fmt: skip
    rows = estate(selectors=selectors)
    rows["trails"][0]["has_custom_event_selectors"] = True
    result = findings(inventory(rows))
    assert result[MGMT] == ("FAIL", f"{NO_TRAIL}; trails: org-trail (not all management events)")


def test_a_filter_without_alarm_is_named_with_its_metric() -> None:
    result = findings(inventory(estate(alarms=[])))
    detail = "metric filter root_usage_metric (CISBenchmark/root_usage_metric) has no alarm"
    assert result[MGMT] == ("FAIL", detail)
    assert result[MEMBER] == ("FAIL", f"organization trail org-trail of {MGMT}: {detail}")


def test_an_alarm_on_another_namespace_or_region_does_not_count() -> None:
    rows = estate()
    rows["alarms"][0]["namespace"] = "Other"
    assert findings(inventory(rows))[MGMT][0] == "FAIL"
    inv = inventory(estate())
    alarms = inv["cloudwatch.alarms"].assign(region="eu-west-1")
    moved = Inventory({**{t: inv[t] for t in inv.tables}, "cloudwatch.alarms": alarms})
    assert findings(moved)[MGMT][1].endswith("has no alarm")


def test_a_log_group_without_filters_is_named() -> None:
    result = findings(inventory(estate(filters=[])))
    assert result[MGMT] == (
        "FAIL",
        f"no metric filter on log group {GROUP} matches the benchmark's pattern "
        "(the log group has no metric filters)",
    )


def test_a_filter_with_an_extra_restriction_names_it() -> None:
    pattern = BENCHMARKS["4.10"].patterns[0][:-1] + '&& ($.awsRegion = "us-east-1") }'
    check = "cloudwatch_security_group_changes_not_monitored"
    result = findings(inventory(estate("4.10", pattern)), check)
    assert result[MGMT] == (
        "FAIL",
        f"no metric filter on log group {GROUP} matches the benchmark's pattern (closest: filter "
        "security_group_changes_metric adds awsRegion=us-east-1)",
    )


def test_a_filter_missing_event_names_names_them() -> None:
    pattern = (
        '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") '
        '|| ($.eventName = "AttachPolicy")) }'
    )
    result = findings(inventory(estate("4.15", pattern)), CHECK_OF["4.15"])
    status, detail = result[MGMT]
    assert status == "FAIL"
    assert "(closest: filter organizations_changes_metric lacks eventName=CreateAccount, " in detail
    assert "eventName=UpdatePolicy)" in detail and "AttachPolicy" not in detail


def test_an_unreadable_pattern_is_not_understood() -> None:
    result = findings(inventory(estate(pattern="ERROR root")))
    assert result[MGMT][1].endswith("(filter root_usage_metric: pattern not understood)")


def test_the_closest_of_several_filters_is_named() -> None:
    rows = estate("4.7")
    other = {**rows["filters"][0], "filter_name": "a-far-one",
             "filter_pattern": '{ $.eventName = "Nothing" }'}  # fmt: skip
    near = {**rows["filters"][0], "filter_name": "b-near-one",
            "filter_pattern": "{ ($.eventSource = kms.amazonaws.com) && ($.eventName=DisableKey) }"}  # fmt: skip
    rows["filters"] = [other, near]
    detail = findings(inventory(rows), CHECK_OF["4.7"])[MGMT][1]
    assert detail.endswith("(closest: filter b-near-one lacks eventName=ScheduleKeyDeletion)")


def test_filters_about_other_events_are_not_called_close() -> None:
    rows = estate()
    rows["filters"][0]["filter_pattern"] = '{ $.eventName = "CreateVpc" }'
    unread = {**rows["filters"][0], "filter_name": "zz-text", "filter_pattern": "ERROR"}
    rows["filters"].append(unread)
    assert findings(inventory(rows))[MGMT][1] == (
        f"no metric filter on log group {GROUP} matches the benchmark's pattern (none of its 2 "
        "metric filters is about these events; pattern not understood: zz-text)"
    )


def test_a_pattern_written_differently_still_passes() -> None:
    # 4.4's names in another order, quoted, spaced, within redundant parentheses.
    names = sorted(
        t.value for c in BENCHMARKS["4.4"].references[0] for t in c if t.selector == "$.eventName"
    )
    pattern = "{ (" + " || ".join(f'( $.eventName = "{n}" )' for n in reversed(names)) + ") }"
    assert findings(inventory(estate("4.4", pattern)), CHECK_OF["4.4"])[MGMT][0] == "PASS"


def test_the_sso_variant_of_4_2_passes() -> None:
    pattern = BENCHMARKS["4.2"].patterns[1]
    assert findings(inventory(estate("4.2", pattern)), CHECK_OF["4.2"])[MGMT][0] == "PASS"


UNAUTHORIZED = '($.errorCode = "*UnauthorizedOperation")', '($.errorCode = "AccessDenied*")'
EXCLUDED = '($.sourceIPAddress != "delivery.logs.amazonaws.com")', '($.eventName != "HeadBucket")'


@pytest.mark.parametrize(
    "pattern, status",
    [
        # how CIS's remediation templates and most deployments write it: the intended meaning
        ("{{ (({}) || ({})) && ({} && {}) }}".format(*UNAUTHORIZED, *EXCLUDED), "PASS"),
        # the older benchmark text, && binding tighter than ||
        ("{{ {} || {} && {} && {} }}".format(*UNAUTHORIZED, *EXCLUDED), "PASS"),
        # no exclusions: broader, still counts every unauthorized call
        ("{{ {} || {} }}".format(*UNAUTHORIZED), "PASS"),
        # one error code left out: misses calls the benchmark counts
        ("{{ {} && {} && {} }}".format(UNAUTHORIZED[1], *EXCLUDED), "FAIL"),
    ],
)
def test_4_1_accepts_every_published_form_of_its_pattern(pattern: str, status: str) -> None:
    check = CHECK_OF["4.1"]
    assert findings(inventory(estate("4.1", pattern)), check)[MGMT][0] == status


def test_an_alarm_whose_topics_have_no_confirmed_subscription_fails() -> None:
    rows = estate()
    rows["alarms"][0]["alarm_actions"] = json.dumps([PENDING_TOPIC])
    assert findings(inventory(rows))[MGMT] == (
        "FAIL",
        "alarm root_usage_metric-alarm notifies only topics with no confirmed subscription: "
        "unwatched-alarms",
    )


def test_a_confirmed_subscription_alone_confirms_the_topic() -> None:
    rows = estate()
    rows["topics"][0]["subscriptions_confirmed"] = 0
    assert findings(inventory(rows))[MGMT][0] == "PASS"
    rows["subscriptions"][0]["confirmed"] = False
    assert findings(inventory(rows))[MGMT][0] == "FAIL"


@pytest.mark.parametrize(
    "alarm, detail",
    [
        ({"actions_enabled": False}, "alarm root_usage_metric-alarm has its actions disabled"),
        ({"alarm_actions": "[]"}, "alarm root_usage_metric-alarm notifies no SNS topic"),
        ({"alarm_actions": json.dumps([f"arn:aws:lambda:{EAST}:{MGMT}:function:f"])},
         "alarm root_usage_metric-alarm notifies no SNS topic"),
        ({"alarm_actions": None}, "alarm root_usage_metric-alarm notifies no SNS topic"),
    ],
)  # fmt: skip
def test_an_alarm_that_notifies_nobody_is_named(alarm, detail) -> None:
    rows = estate()
    rows["alarms"][0].update(alarm)
    assert findings(inventory(rows))[MGMT] == ("FAIL", detail)


def test_an_own_complete_chain_wins_over_a_broken_organization_chain() -> None:
    group = f"arn:aws:logs:{EAST}:{MEMBER}:log-group:member-trail-logs"
    rows = estate(alarms=[])  # the organization chain stops at the alarm
    rows["trails"].append(trail("member-trail", MEMBER, cloud_watch_logs_log_group_arn=group))
    rows["groups"].append({"log_group_name": "member-trail-logs", "account_id": MEMBER})
    rows["filters"].append({**rows["filters"][0], "log_group_name": "member-trail-logs",
                            "account_id": MEMBER})  # fmt: skip
    member_topic = TOPIC.replace(MGMT, MEMBER)
    rows["alarms"] = [{"alarm_name": "member-alarm", "namespace": "CISBenchmark",
                       "metric_name": "root_usage_metric", "actions_enabled": True,
                       "alarm_actions": json.dumps([member_topic]), "account_id": MEMBER}]  # fmt: skip
    rows["subscriptions"].append({"topic_arn": member_topic, "confirmed": True,
                                  "account_id": MEMBER})  # fmt: skip
    result = findings(inventory(rows))
    assert result[MEMBER] == (
        "PASS",
        "member-trail -> log group member-trail-logs -> metric filter root_usage_metric "
        "(CISBenchmark/root_usage_metric) -> alarm member-alarm -> topic security-alarms",
    )
    assert result[MGMT][0] == "FAIL"


def test_a_log_group_not_in_the_inventory_is_named() -> None:
    result = findings(inventory(estate(groups=[])))
    assert result[MGMT] == (
        "FAIL",
        f"log group {GROUP} of trail org-trail is not in the inventory ({MGMT}, {EAST})",
    )


def gap(account: str, table: str, region: str = EAST) -> dict[str, str]:
    service = table.split(".")[0]
    return {"account_id": account, "region": region, "table": table, "service": service,
            "error_code": "AccessDenied", "message": "denied"}  # fmt: skip


def test_a_chain_stopped_where_a_table_was_not_read_is_an_error_not_a_fail() -> None:
    inv = inventory(estate(filters=[]), [gap(MGMT, "logs.metric_filters")])
    found = toolkit.run_checks(inv, checks=ROOT)
    by = {(r.account_id, str(r.status)) for r in found.itertuples()}
    # The management account's and the member's FAIL could be the unread filters: ERROR only.
    assert (MGMT, "ERROR") in by and (MGMT, "FAIL") not in by and (MEMBER, "FAIL") not in by
    assert (OUTSIDER, "FAIL") in by  # its own trail settles it, whatever the filters
    # A gap further down the chain than where it stops changes nothing.
    later = inventory(estate(filters=[]), [gap(MGMT, "sns.topics")])
    assert findings(later)[MGMT][0] == "FAIL"


def test_an_account_whose_trails_were_not_read_gets_no_fail() -> None:
    inv = inventory(estate(), [gap(OUTSIDER, "cloudtrail.trails")])
    assert OUTSIDER not in findings(inv)


@pytest.mark.parametrize("control", sorted(CHECK_OF, key=lambda c: int(c.split(".")[1])))
def test_each_check_judges_its_own_pattern(control: str) -> None:
    check = CHECK_OF[control]
    assert findings(inventory(estate(control)), check)[MGMT][0] == "PASS"
    other = "4.6" if control != "4.6" else "4.3"
    result = findings(inventory(estate(other)), check)[MGMT]
    assert result[0] == "FAIL" and "matches the benchmark's pattern" in result[1]


def test_the_checks_are_mapped_to_cis_4_1_to_4_15_and_declare_the_chain_tables() -> None:
    load_builtin()
    spec = load("cis-3.0")
    mapped = {c.id: c.checks for c in spec.controls if c.id in CHECK_OF}
    assert mapped == {control: (check,) for control, check in CHECK_OF.items()}
    for control, check in CHECK_OF.items():
        entry = REGISTRY[check]
        assert entry.tables == CHAIN_TABLES
        assert entry.resource_type == "AWS::::Account"
        assert BENCHMARKS[control].patterns[0] in entry.remediation_cli
        assert entry.remediation_cli.startswith("aws logs put-metric-filter --region {region}")
        assert "aws cloudwatch put-metric-alarm" in entry.remediation_cli


def test_compliance_shows_fail_or_manual_for_the_manual_recommendations() -> None:
    rows = estate()
    rows["filters"].append({**rows["filters"][0], "filter_name": "x", "metric_name": "x",
                            "filter_pattern": BENCHMARKS["4.6"].patterns[0]})  # fmt: skip
    found = toolkit.run_checks(inventory(rows), checks=list(CHECK_OF.values()))
    table = toolkit.compliance(found, "cis-3.0").set_index("control_id")["status"]
    # 4.3 passes everywhere but the outsider: FAIL; 4.6's filter has no alarm: FAIL too.
    assert table["4.3"] == "FAIL" and table["4.6"] == "FAIL"
    all_pass = toolkit.run_checks(inventory(estate(organization=None)), checks=ROOT)
    assert set(all_pass["status"].astype(str)) == {"PASS"}
    assert toolkit.compliance(all_pass, "cis-3.0").set_index("control_id")["status"]["4.3"] == (
        "MANUAL"
    )


def test_empty_tables_give_one_fail_per_account_and_no_error() -> None:
    frames = {t: frame(t) for t in CHAIN_TABLES}
    inv = Inventory(frames, meta={"accounts": [MGMT]})
    assert findings(inv) == {MGMT: ("FAIL", f"{NO_TRAIL}; trails: none")}
