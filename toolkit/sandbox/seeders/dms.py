"""AWS Database Migration Service: replication instances (public or not, minor version
upgrades, Multi-AZ) and endpoints (SSL mode; Neptune IAM authorization, MongoDB
authentication, Redis OSS TLS)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

DMS_REPLICATION_INSTANCE = {
    "name": str,
    "region": str,
    "instance_class": str,
    "public": bool,
    "auto_minor_version_upgrade": bool,
    "multi_az": bool,
    "planted": PLANTED,
}
DMS_ENDPOINT = {
    "name": str,
    "region": str,
    #: source or target.
    "type": str,
    #: mysql, postgres, mongodb, neptune, redis, ...
    "engine": str,
    "server": str,
    "port": int,
    #: none, require, verify-ca or verify-full (engines with an SSL mode).
    "ssl_mode": str,
    #: Neptune: IAM authorization.
    "iam_auth": bool,
    #: MongoDB: password or no.
    "auth_type": str,
    #: Redis OSS: ssl-encryption or plaintext.
    "ssl_protocol": str,
    "planted": PLANTED,
}
DMS_REPLICATION_TASK = {
    "name": str,
    "region": str,
    #: The replication instance and the source and target endpoints, by name (same account).
    "instance": str,
    "source": str,
    "target": str,
    "logging": bool,
    #: Log component -> severity, e.g. {TARGET_APPLY: LOGGER_SEVERITY_DEFAULT}.
    "log_components": ("map", str),
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "dms_replication_instances": [DMS_REPLICATION_INSTANCE],
    "dms_endpoints": [DMS_ENDPOINT],
    "dms_replication_tasks": [DMS_REPLICATION_TASK],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {
    "dms_replication_instances": "arn",
    "dms_endpoints": "arn",
    "dms_replication_tasks": "arn",
}
#: What every seeded task copies: all tables of every schema.
TABLE_MAPPINGS = json.dumps(
    {
        "rules": [
            {
                "rule-type": "selection",
                "rule-id": "1",
                "rule-name": "1",
                "object-locator": {"schema-name": "%", "table-name": "%"},
                "rule-action": "include",
            }
        ]
    }
)


@dataclass
class DmsTruth:
    dms_replication_instances: list[dict[str, Any]] = field(default_factory=list)
    dms_endpoints: list[dict[str, Any]] = field(default_factory=list)
    dms_replication_tasks: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's replication instances, then its endpoints, then its replication tasks."""
    arns: dict[str, str] = {}
    for instance in spec.get("dms_replication_instances", []):
        region = instance.get("region", seeder.regions[0])
        dms = seeder.client(session, "dms", region)
        name = instance["name"]
        public = bool(instance.get("public", False))
        upgrades = bool(instance.get("auto_minor_version_upgrade", True))
        multi_az = bool(instance.get("multi_az", False))
        made = dms.create_replication_instance(
            ReplicationInstanceIdentifier=name,
            ReplicationInstanceClass=instance.get("instance_class", "dms.t3.medium"),
            PubliclyAccessible=public,
            AutoMinorVersionUpgrade=upgrades,
            MultiAZ=multi_az,
        )["ReplicationInstance"]
        arns[name] = made["ReplicationInstanceArn"]
        seeder.truth.dms_replication_instances.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": made["ReplicationInstanceArn"],
                "publicly_accessible": public,
                "auto_minor_version_upgrade": upgrades,
                "multi_az": multi_az,
            }
        )
        seeder.plant(instance.get("planted"), account_id, region, name, "dms_replication_instance")
    for endpoint in spec.get("dms_endpoints", []):
        arns[endpoint["name"]] = seed_endpoint(seeder, session, account_id, endpoint)
    for task in spec.get("dms_replication_tasks", []):
        seed_task(seeder, session, account_id, task, arns)


def seed_task(
    seeder: Seeder, session: Any, account_id: str, task: dict[str, Any], arns: dict[str, str]
) -> None:
    """One full-load task between two of the account's endpoints, with its log settings."""
    region = task.get("region", seeder.regions[0])
    dms = seeder.client(session, "dms", region)
    name = task["name"]
    components = task.get("log_components", {})
    settings = {
        "Logging": {
            "EnableLogging": bool(task.get("logging", False)),
            "LogComponents": [{"Id": c, "Severity": s} for c, s in components.items()],
        }
    }
    made = dms.create_replication_task(
        ReplicationTaskIdentifier=name,
        SourceEndpointArn=arns[task["source"]],
        TargetEndpointArn=arns[task["target"]],
        ReplicationInstanceArn=arns[task["instance"]],
        MigrationType="full-load",
        TableMappings=TABLE_MAPPINGS,
        ReplicationTaskSettings=json.dumps(settings),
    )["ReplicationTask"]
    seeder.truth.dms_replication_tasks.append(
        {
            "account_id": account_id,
            "region": region,
            "name": name,
            "arn": made["ReplicationTaskArn"],
            "instance_arn": arns[task["instance"]],
            "source_arn": arns[task["source"]],
            "target_arn": arns[task["target"]],
            "logging": bool(task.get("logging", False)),
            "log_components": dict(components),
        }
    )
    seeder.plant(task.get("planted"), account_id, region, name, "dms_replication_task")


def seed_endpoint(seeder: Seeder, session: Any, account_id: str, endpoint: dict[str, Any]) -> str:
    """One endpoint, with its engine's settings where the estate gives them; its ARN."""
    region = endpoint.get("region", seeder.regions[0])
    dms = seeder.client(session, "dms", region)
    name = endpoint["name"]
    engine = endpoint["engine"]
    server = endpoint.get("server", f"{name}.db.internal")
    port = endpoint.get("port", 5432)
    params: dict[str, Any] = {
        "EndpointIdentifier": name,
        "EndpointType": endpoint.get("type", "source"),
        "EngineName": engine,
    }
    if engine == "redis":
        params["RedisSettings"] = {
            "ServerName": server,
            "Port": port,
            "SslSecurityProtocol": endpoint.get("ssl_protocol", "ssl-encryption"),
        }
    else:
        params.update(ServerName=server, Port=port)
    if engine == "neptune":
        params["NeptuneSettings"] = {
            "S3BucketName": f"{name}-staging",
            "S3BucketFolder": "dms",
            "IamAuthEnabled": bool(endpoint.get("iam_auth", False)),
            "ServiceAccessRoleArn": f"arn:aws:iam::{account_id}:role/dms-neptune",
        }
    if engine == "mongodb":
        params["MongoDbSettings"] = {"AuthType": endpoint.get("auth_type", "password")}
    if "ssl_mode" in endpoint:
        params["SslMode"] = endpoint["ssl_mode"]
    made = dms.create_endpoint(**params)["Endpoint"]
    seeder.truth.dms_endpoints.append(
        {
            "account_id": account_id,
            "region": region,
            "name": name,
            "arn": made["EndpointArn"],
            "engine": engine,
            "server": server,
            "port": port,
            "ssl_mode": endpoint.get("ssl_mode"),
            "iam_auth": bool(endpoint.get("iam_auth", False)) if engine == "neptune" else None,
            "auth_type": endpoint.get("auth_type", "password") if engine == "mongodb" else None,
            "ssl_protocol": endpoint.get("ssl_protocol", "ssl-encryption")
            if engine == "redis"
            else None,
        }
    )
    seeder.plant(endpoint.get("planted"), account_id, region, name, "dms_endpoint")
    return made["EndpointArn"]
