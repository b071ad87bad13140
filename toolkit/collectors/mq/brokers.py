"""``mq.brokers``: every Amazon MQ broker, with its audit and general logging, public
accessibility, minor version upgrades and encryption key.

ListBrokers answers the id, ARN, name, state, deployment mode, engine and instance type; one
hydrate, DescribeBroker, answers the rest.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "mq"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A broker deleted between the list and its description is gone: no row.
GONE = ("NotFoundException",)


async def list_brokers(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_brokers", "BrokerSummaries", **PAGE)
    return [
        {
            "broker_id": b["BrokerId"],
            "arn": b["BrokerArn"],
            "broker_name": b.get("BrokerName"),
            "broker_state": b.get("BrokerState"),
            "deployment_mode": b.get("DeploymentMode"),
            "engine_type": b.get("EngineType"),
            "host_instance_type": b.get("HostInstanceType"),
            "created": b.get("Created"),
        }
        for b in found
    ]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_broker", None, GONE, BrokerId=item["broker_id"]
    )
    if answer is None:
        return None
    logs = answer.get("Logs") or {}
    encryption = answer.get("EncryptionOptions") or {}
    audit = logs.get("Audit")
    return {
        "engine_version": answer.get("EngineVersion"),
        "publicly_accessible": answer.get("PubliclyAccessible"),
        "auto_minor_version_upgrade": answer.get("AutoMinorVersionUpgrade"),
        # RabbitMQ has no audit log: AWS answers no Audit key for it.
        "audit_log_enabled": None if audit is None else bool(audit),
        "general_log_enabled": bool(logs.get("General")),
        "use_aws_owned_key": encryption.get("UseAwsOwnedKey"),
        "kms_key_id": encryption.get("KmsKeyId"),
    }


brokers = declare(
    "mq.brokers",
    where="regional",
    key=("arn",),
    doc="Every Amazon MQ broker, with its logging, public accessibility, minor version "
    "upgrades and encryption key.",
    list=ListStep(("mq:ListBrokers",), list_brokers),
    hydrates=(Hydrate("describe", ("mq:DescribeBroker",), describe),),
    columns=(
        Column("broker_id", "string", "The broker's id, which the MQ API names it by."),
        Column("arn", "string", "The broker's ARN (arn:aws:mq:REGION:ACCOUNT:broker:...)."),
        Column("broker_name", "string", "The broker's name."),
        Column("broker_state", "string", "RUNNING, CREATION_IN_PROGRESS, REBOOT_IN_PROGRESS..."),
        Column(
            "deployment_mode",
            "string",
            "SINGLE_INSTANCE, ACTIVE_STANDBY_MULTI_AZ or CLUSTER_MULTI_AZ.",
        ),
        Column("engine_type", "string", "ACTIVEMQ or RABBITMQ."),
        Column("host_instance_type", "string", "The broker's instance type (mq.m5.large...)."),
        Column("created", "datetime64[ns, UTC]", "When it was created."),
        Column("engine_version", "string", "The engine's version.", "describe"),
        Column(
            "publicly_accessible",
            "boolean",
            "Whether it can be reached from outside its VPC.",
            "describe",
        ),
        Column(
            "auto_minor_version_upgrade",
            "boolean",
            "Whether minor engine versions are applied in the maintenance window.",
            "describe",
        ),
        Column(
            "audit_log_enabled",
            "boolean",
            "Whether ActiveMQ audit logs go to CloudWatch Logs; null for RabbitMQ (no audit log).",
            "describe",
        ),
        Column(
            "general_log_enabled",
            "boolean",
            "Whether general logs go to CloudWatch Logs.",
            "describe",
        ),
        Column(
            "use_aws_owned_key",
            "boolean",
            "Whether an AWS owned key encrypts its data (false: a KMS key).",
            "describe",
        ),
        Column(
            "kms_key_id",
            "string",
            "The KMS key that encrypts its data; null with an AWS owned key.",
            "describe",
        ),
    ),
)
