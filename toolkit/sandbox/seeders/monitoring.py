"""CloudWatch monitoring (CIS section 4): log groups, metric filters on a trail's log group,
CloudWatch alarms on their metrics, and the SNS topics the alarms notify, with subscriptions that
are confirmed (an SQS queue of the account) or pending (an email address nobody confirmed).

Seeded last in each account: after CloudTrail, whose seeder makes the log group a trail delivers
to (``cloud_watch_logs``), and after KMS, whose keys a log group names by alias. The log groups
made here are the others; the truth lists every log group of the account, the trails' included.
Account-level plants (``monitoring.planted``: a CIS 4.x control the chain fails) are recorded on
the account, as ``iam_root``'s are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

LOG_GROUP = {"name": str, "region": str, "retention_days": int, "kms_key": str}
#: An email (or http/https) subscription stays pending; an SQS queue made here confirms at once.
SUBSCRIPTION = {"protocol": str, "endpoint": str, "queue": str}
TOPIC = {"name": str, "region": str, "kms_master_key_id": str, "subscriptions": [SUBSCRIPTION]}
#: An alarm on the filter's metric; CIS's defaults unless told (Sum over 300 s, >= 1, 1 period).
ALARM = {
    "name": str,
    "topic": str,
    "statistic": str,
    "period": int,
    "threshold": (int, float),
    "evaluation_periods": int,
}
METRIC_FILTER = {
    "name": str,
    "region": str,
    "log_group": str,
    "pattern": str,
    "namespace": str,
    "metric": str,
    "alarm": ALARM,
}
ACCOUNT_SCHEMA = {
    "monitoring": {
        "log_groups": [LOG_GROUP],
        "topics": [TOPIC],
        "metric_filters": [METRIC_FILTER],
        "planted": PLANTED,
    }
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {
    "log_groups": "arn",
    "metric_filters": "filter_name",
    "metric_alarms": "alarm_arn",
    "sns_topics": "arn",
    "sns_subscriptions": "endpoint",
}
#: Protocols whose subscriptions AWS confirms only when the endpoint's owner answers.
NEEDS_CONFIRMATION = ("email", "email-json", "http", "https")


@dataclass
class MonitoringTruth:
    log_groups: list[dict[str, Any]] = field(default_factory=list)
    metric_filters: list[dict[str, Any]] = field(default_factory=list)
    metric_alarms: list[dict[str, Any]] = field(default_factory=list)
    sns_topics: list[dict[str, Any]] = field(default_factory=list)
    sns_subscriptions: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's log groups, topics (with subscriptions), metric filters and alarms."""
    _trail_log_groups(seeder, account_id, spec)
    monitoring = spec.get("monitoring") or {}
    for group in monitoring.get("log_groups", []):
        _log_group(seeder, session, account_id, group)
    topics = {
        (topic.get("region", seeder.regions[0]), topic["name"]): _topic(
            seeder, session, account_id, topic
        )
        for topic in monitoring.get("topics", [])
    }
    for entry in monitoring.get("metric_filters", []):
        _metric_filter(seeder, session, account_id, entry, topics)
    seeder.plant(monitoring.get("planted"), account_id, "global", account_id, "account")


def _trail_log_groups(seeder: Seeder, account_id: str, spec: dict[str, Any]) -> None:
    """Record the log groups the CloudTrail seeder made for the account's trails."""
    for trail in spec.get("cloudtrail_trails", []):
        delivery = trail.get("cloud_watch_logs")
        if delivery:
            region = trail.get("region", seeder.regions[0])
            seeder.truth.log_groups.append(
                _group_row(
                    account_id, region, delivery["log_group"], delivery.get("retention_days"), None
                )
            )


def _group_row(
    account_id: str, region: str, name: str, retention: int | None, kms_key_id: str | None
) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "region": region,
        "name": name,
        "arn": f"arn:aws:logs:{region}:{account_id}:log-group:{name}",
        "retention_in_days": retention,
        "kms_key_id": kms_key_id,
    }


def _log_group(seeder: Seeder, session: Any, account_id: str, group: dict[str, Any]) -> None:
    region = group.get("region", seeder.regions[0])
    logs = seeder.client(session, "logs", region)
    options: dict[str, Any] = {}
    if group.get("kms_key"):
        options["kmsKeyId"] = kms.key_arns(seeder, account_id)[group["kms_key"]]
    logs.create_log_group(logGroupName=group["name"], **options)
    if group.get("retention_days"):
        logs.put_retention_policy(
            logGroupName=group["name"], retentionInDays=group["retention_days"]
        )
    seeder.truth.log_groups.append(
        _group_row(
            account_id, region, group["name"], group.get("retention_days"), options.get("kmsKeyId")
        )
    )


def _topic(seeder: Seeder, session: Any, account_id: str, topic: dict[str, Any]) -> str:
    """Make the topic and its subscriptions; return its ARN."""
    region = topic.get("region", seeder.regions[0])
    sns = seeder.client(session, "sns", region)
    attributes = {}
    if topic.get("kms_master_key_id"):
        attributes["KmsMasterKeyId"] = topic["kms_master_key_id"]
    arn = sns.create_topic(Name=topic["name"], Attributes=attributes)["TopicArn"]
    seeder.truth.sns_topics.append(
        {
            "account_id": account_id,
            "region": region,
            "name": topic["name"],
            "arn": arn,
            "kms_master_key_id": attributes.get("KmsMasterKeyId"),
        }
    )
    for subscription in topic.get("subscriptions", []):
        endpoint = subscription.get("endpoint")
        if subscription.get("queue"):
            endpoint = _queue(seeder, session, account_id, region, subscription["queue"], arn)
        sns.subscribe(TopicArn=arn, Protocol=subscription["protocol"], Endpoint=endpoint)
        seeder.truth.sns_subscriptions.append(
            {
                "account_id": account_id,
                "region": region,
                "topic_arn": arn,
                "protocol": subscription["protocol"],
                "endpoint": endpoint,
                "confirmed": subscription["protocol"] not in NEEDS_CONFIRMATION,
            }
        )
    return arn


def _queue(
    seeder: Seeder, session: Any, account_id: str, region: str, name: str, topic_arn: str
) -> str:
    """An SQS queue that lets the topic send to it (as AWS needs), encrypted as AWS does by
    default (SSE-SQS), recorded among the estate's queues; return its ARN."""
    sqs = seeder.client(session, "sqs", region)
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
            }
        ],
    }
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
    seeder.truth.sqs_queues.append(
        {
            "account_id": account_id,
            "region": region,
            "name": name,
            "arn": arn,
            "encryption": "sqs",
            "kms_master_key_id": None,
            "access": "topic",  # only the topic may send to it
        }
    )
    return arn


def _metric_filter(
    seeder: Seeder,
    session: Any,
    account_id: str,
    entry: dict[str, Any],
    topics: dict[tuple[str, str], str],
) -> None:
    region = entry.get("region", seeder.regions[0])
    namespace = entry.get("namespace", "CISBenchmark")
    logs = seeder.client(session, "logs", region)
    logs.put_metric_filter(
        logGroupName=entry["log_group"],
        filterName=entry["name"],
        filterPattern=entry["pattern"],
        metricTransformations=[
            {"metricName": entry["metric"], "metricNamespace": namespace, "metricValue": "1"}
        ],
    )
    seeder.truth.metric_filters.append(
        {
            "account_id": account_id,
            "region": region,
            "log_group_name": entry["log_group"],
            "filter_name": entry["name"],
            "filter_pattern": entry["pattern"],
            "metric_name": entry["metric"],
            "metric_namespace": namespace,
            "metric_value": "1",
        }
    )
    alarm = entry.get("alarm")
    if alarm is None:
        return
    name = alarm.get("name", entry["name"])
    options = {
        "Statistic": alarm.get("statistic", "Sum"),
        "Period": alarm.get("period", 300),
        "Threshold": float(alarm.get("threshold", 1)),
        "EvaluationPeriods": alarm.get("evaluation_periods", 1),
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
    }
    actions = [topics[(region, alarm["topic"])]]
    cloudwatch = seeder.client(session, "cloudwatch", region)
    cloudwatch.put_metric_alarm(
        AlarmName=name,
        Namespace=namespace,
        MetricName=entry["metric"],
        AlarmActions=actions,
        **options,
    )
    seeder.truth.metric_alarms.append(
        {
            "account_id": account_id,
            "region": region,
            "alarm_name": name,
            "alarm_arn": f"arn:aws:cloudwatch:{region}:{account_id}:alarm:{name}",
            "namespace": namespace,
            "metric_name": entry["metric"],
            "alarm_actions": actions,
            "statistic": options["Statistic"],
            "period": options["Period"],
            "threshold": options["Threshold"],
            "evaluation_periods": options["EvaluationPeriods"],
            "comparison_operator": options["ComparisonOperator"],
        }
    )
