"""Amazon MQ: single-instance ActiveMQ and RabbitMQ brokers, with audit and general logs to
CloudWatch Logs or not, public or private, encrypted with an AWS owned key or a KMS key of the
account.

Seeded after KMS (a broker names a customer managed key by its alias). The broker's admin
password is a fixed sandbox value: moto keeps it and never answers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: The engine versions the sandbox's brokers run.
ENGINES = {"ACTIVEMQ": "5.18", "RABBITMQ": "3.13"}
MQ_BROKER = {
    "name": str,
    "region": str,
    #: ACTIVEMQ (the default) or RABBITMQ.
    "engine": str,
    #: ActiveMQ's audit log to CloudWatch Logs (off by default; RabbitMQ has none).
    "audit_log": bool,
    "general_log": bool,
    "public": bool,
    #: The alias of the account's key; an AWS owned key without it.
    "kms_key": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"mq_brokers": [MQ_BROKER]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"mq_brokers": "arn"}


@dataclass
class MqTruth:
    mq_brokers: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's brokers, each with its engine, logs, exposure and key."""
    for broker in spec.get("mq_brokers", []):
        region = broker.get("region", seeder.regions[0])
        mq = seeder.client(session, "mq", region)
        engine = broker.get("engine", "ACTIVEMQ")
        logs = {"General": bool(broker.get("general_log"))}
        if engine == "ACTIVEMQ":
            logs["Audit"] = bool(broker.get("audit_log"))
        kms_key = (
            kms.key_arns(seeder, account_id)[broker["kms_key"]] if broker.get("kms_key") else None
        )
        encryption: dict[str, Any] = {"UseAwsOwnedKey": kms_key is None}
        if kms_key:
            encryption["KmsKeyId"] = kms_key
        made = mq.create_broker(
            BrokerName=broker["name"],
            DeploymentMode="SINGLE_INSTANCE",
            EngineType=engine,
            EngineVersion=ENGINES[engine],
            HostInstanceType="mq.t3.micro",
            PubliclyAccessible=bool(broker.get("public")),
            AutoMinorVersionUpgrade=True,
            EncryptionOptions=encryption,
            Logs=logs,
            Users=[{"Username": "sandbox-admin", "Password": "sandbox-admin-password"}],
        )
        seeder.truth.mq_brokers.append(
            {
                "account_id": account_id,
                "region": region,
                "name": broker["name"],
                "id": made["BrokerId"],
                "arn": made["BrokerArn"],
                "engine": engine,
                "audit_log": logs.get("Audit"),
                "general_log": logs["General"],
                "public": bool(broker.get("public")),
                "kms_key": kms_key,
            }
        )
        seeder.plant(broker.get("planted"), account_id, region, broker["name"], "mq_broker")
