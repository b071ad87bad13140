"""The monitoring tables (CloudWatch Logs, CloudWatch alarms, SNS) hold exactly what plain boto3
sees in the sandbox and what was seeded; pending and confirmed subscriptions are as planted."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

KEYS = {
    "logs.log_groups": ["arn"],
    "logs.metric_filters": ["log_group_name", "filter_name", "metric_namespace", "metric_name"],
    "cloudwatch.alarms": ["alarm_arn"],
    "sns.topics": ["topic_arn"],
    "sns.subscriptions": ["topic_arn", "protocol", "endpoint"],
}


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=list(KEYS), progress=False)


@pytest.mark.parametrize("table", list(KEYS))
def test_no_errors_and_one_clean_table(sandbox: Sandbox, table: str) -> None:
    alone = toolkit.collect_sync(sandbox.scope(), tables=[table], progress=False)
    assert_one_clean_table(alone, table, KEYS[table])


def _each_account_and_region(sandbox: Sandbox):
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            yield account_id, region, session


def _here(frame: pd.DataFrame, account_id: str, region: str) -> pd.DataFrame:
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def test_log_groups_and_filters_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    groups, filters = inventory["logs.log_groups"], inventory["logs.metric_filters"]
    for account_id, region, session in _each_account_and_region(sandbox):
        logs = sandbox.client(session, "logs", region)
        listed = [
            g for p in logs.get_paginator("describe_log_groups").paginate() for g in p["logGroups"]
        ]
        rows = _here(groups, account_id, region).set_index("log_group_name")
        assert sorted(rows.index) == sorted(g["logGroupName"] for g in listed)
        for group in listed:
            row = rows.loc[group["logGroupName"]]
            assert row["arn"] == group["arn"].removesuffix(":*")
            assert cell(row["retention_in_days"]) == group.get("retentionInDays")
            assert cell(row["kms_key_id"]) == group.get("kmsKeyId")
            assert row["creation_time"] == pd.Timestamp(group["creationTime"], unit="ms", tz="UTC")
        found = [
            f
            for p in logs.get_paginator("describe_metric_filters").paginate()
            for f in p["metricFilters"]
        ]
        here = _here(filters, account_id, region)
        expected = sorted(
            (
                f["logGroupName"],
                f["filterName"],
                f["filterPattern"],
                t["metricNamespace"],
                t["metricName"],
                t["metricValue"],
            )
            for f in found
            for t in f["metricTransformations"]
        )
        got = sorted(
            here[
                [
                    "log_group_name",
                    "filter_name",
                    "filter_pattern",
                    "metric_namespace",
                    "metric_name",
                    "metric_value",
                ]
            ].itertuples(index=False, name=None)
        )
        assert got == expected, (account_id, region)
        assert here["creation_time"].notna().all()


def test_alarms_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    alarms = inventory["cloudwatch.alarms"]
    for account_id, region, session in _each_account_and_region(sandbox):
        cloudwatch = sandbox.client(session, "cloudwatch", region)
        listed = cloudwatch.describe_alarms(AlarmTypes=["MetricAlarm"])["MetricAlarms"]
        rows = _here(alarms, account_id, region).set_index("alarm_arn")
        assert sorted(rows.index) == sorted(a["AlarmArn"] for a in listed)
        for alarm in listed:
            row = rows.loc[alarm["AlarmArn"]]
            assert row["alarm_name"] == alarm["AlarmName"]
            assert (row["namespace"], row["metric_name"]) == (
                alarm["Namespace"],
                alarm["MetricName"],
            )
            assert row["statistic"] == alarm["Statistic"]
            assert row["comparison_operator"] == alarm["ComparisonOperator"]
            assert row["threshold"] == alarm["Threshold"]
            assert row["evaluation_periods"] == alarm["EvaluationPeriods"]
            assert bool(row["actions_enabled"]) == alarm["ActionsEnabled"]
            assert json.loads(row["alarm_actions"]) == sorted(alarm["AlarmActions"])
            assert row["state_value"] == alarm["StateValue"]


def test_topics_and_subscriptions_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    topics, subscriptions = inventory["sns.topics"], inventory["sns.subscriptions"]
    for account_id, region, session in _each_account_and_region(sandbox):
        sns = sandbox.client(session, "sns", region)
        listed = [t["TopicArn"] for t in sns.list_topics()["Topics"]]
        rows = _here(topics, account_id, region).set_index("topic_arn")
        assert sorted(rows.index) == sorted(listed)
        for arn in listed:
            attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
            row = rows.loc[arn]
            assert row["name"] == arn.rsplit(":", 1)[-1]
            assert cell(row["kms_master_key_id"]) == attributes.get("KmsMasterKeyId")
            assert json.loads(row["policy"]) == json.loads(attributes["Policy"])
            assert row["subscriptions_confirmed"] == int(attributes["SubscriptionsConfirmed"])
            assert row["subscriptions_pending"] == int(attributes["SubscriptionsPending"])
        found = sns.list_subscriptions()["Subscriptions"]
        here = _here(subscriptions, account_id, region)
        expected = sorted(
            (
                s["TopicArn"],
                s["Protocol"],
                s["Endpoint"],
                s["Owner"],
                None if s["SubscriptionArn"] == "PendingConfirmation" else s["SubscriptionArn"],
            )
            for s in found
        )
        got = sorted(
            (r.topic_arn, r.protocol, r.endpoint, r.owner, cell(r.subscription_arn))
            for r in here.itertuples()
        )
        assert got == expected, (account_id, region)


def test_seeded_monitoring_matches_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    truth = sandbox.truth
    groups = inventory["logs.log_groups"].set_index("arn")
    assert sorted(groups.index) == sorted(g["arn"] for g in truth.log_groups)
    for group in truth.log_groups:
        row = groups.loc[group["arn"]]
        assert (row["account_id"], row["region"], row["log_group_name"]) == (
            group["account_id"],
            group["region"],
            group["name"],
        )
        assert cell(row["retention_in_days"]) == group["retention_in_days"]
        assert cell(row["kms_key_id"]) == group["kms_key_id"]
    assert len({g["account_id"] for g in truth.log_groups}) > 1
    filters = inventory["logs.metric_filters"]
    got = sorted(
        filters[
            [
                "account_id",
                "region",
                "log_group_name",
                "filter_name",
                "filter_pattern",
                "metric_name",
                "metric_namespace",
                "metric_value",
            ]
        ].itertuples(index=False, name=None)
    )
    assert got == sorted(
        (
            f["account_id"],
            f["region"],
            f["log_group_name"],
            f["filter_name"],
            f["filter_pattern"],
            f["metric_name"],
            f["metric_namespace"],
            f["metric_value"],
        )
        for f in truth.metric_filters
    )
    alarms = inventory["cloudwatch.alarms"].set_index("alarm_arn")
    assert sorted(alarms.index) == sorted(a["alarm_arn"] for a in truth.metric_alarms)
    for alarm in truth.metric_alarms:
        row = alarms.loc[alarm["alarm_arn"]]
        assert (row["namespace"], row["metric_name"]) == (alarm["namespace"], alarm["metric_name"])
        assert json.loads(row["alarm_actions"]) == sorted(alarm["alarm_actions"])
        assert (row["statistic"], row["period"], row["threshold"]) == (
            alarm["statistic"],
            alarm["period"],
            alarm["threshold"],
        )
        assert row["evaluation_periods"] == alarm["evaluation_periods"]
    # 4.3's filter has no alarm, and 4.6 has no filter at all
    metrics = set(alarms["metric_name"])
    assert "RootUsage" in set(filters["metric_name"]) - metrics
    topics = inventory["sns.topics"].set_index("topic_arn")
    assert sorted(topics.index) == sorted(t["arn"] for t in truth.sns_topics)
    for topic in truth.sns_topics:
        assert cell(topics.loc[topic["arn"], "kms_master_key_id"]) == topic["kms_master_key_id"]


def test_pending_and_confirmed_subscriptions_are_as_planted(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    subscriptions = inventory["sns.subscriptions"]
    got = sorted(
        (r.account_id, r.region, r.topic_arn, r.protocol, r.endpoint, bool(r.confirmed))
        for r in subscriptions.itertuples()
    )
    assert got == sorted(
        (s["account_id"], s["region"], s["topic_arn"], s["protocol"], s["endpoint"], s["confirmed"])
        for s in sandbox.truth.sns_subscriptions
    )
    assert {s["confirmed"] for s in sandbox.truth.sns_subscriptions} == {True, False}
    pending = subscriptions[~subscriptions["confirmed"].astype(bool)]
    assert set(pending["protocol"]) == {"email"}
    assert pending["subscription_arn"].isna().all()
    confirmed = subscriptions[subscriptions["confirmed"].astype(bool)]
    assert confirmed["subscription_arn"].str.startswith("arn:aws:sns:").all()
    topics = inventory["sns.topics"].set_index("name")
    assert (
        topics.loc["security-alarms", "subscriptions_confirmed"],
        topics.loc["security-alarms", "subscriptions_pending"],
    ) == (1, 0)
    assert (
        topics.loc["unwatched-alarms", "subscriptions_confirmed"],
        topics.loc["unwatched-alarms", "subscriptions_pending"],
    ) == (0, 1)


def test_a_pending_subscription_is_pending_everywhere_sns_says_so(sandbox: Sandbox) -> None:
    """The sandbox answers as AWS: Subscribe, ListSubscriptionsByTopic and
    GetSubscriptionAttributes agree that an email subscription waits for confirmation."""
    management = sandbox.truth.management_account
    topic = next(t for t in sandbox.truth.sns_topics if t["name"] == "unwatched-alarms")
    sns = sandbox.client(sandbox.boto3_session(management), "sns", topic["region"])
    by_topic = sns.list_subscriptions_by_topic(TopicArn=topic["arn"])["Subscriptions"]
    assert [s["SubscriptionArn"] for s in by_topic] == ["PendingConfirmation"]
    answer = sns.subscribe(
        TopicArn=topic["arn"], Protocol="email", Endpoint="secops-oncall@example.com"
    )
    assert answer["SubscriptionArn"] == "pending confirmation"
    arn = sns.subscribe(
        TopicArn=topic["arn"],
        Protocol="email",
        Endpoint="secops-oncall@example.com",
        ReturnSubscriptionArn=True,
    )["SubscriptionArn"]
    attributes = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    assert attributes["PendingConfirmation"] == "true"


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for operation in (
        "logs.DescribeLogGroups",
        "logs.DescribeMetricFilters",
        "cloudwatch.DescribeAlarms",
        "sns.ListTopics",
        "sns.ListSubscriptions",
    ):
        assert calls[operation] == units, operation
    assert calls["sns.GetTopicAttributes"] == len(inventory["sns.topics"])
