"""AWS Database Migration Service: replication instances (public or not, minor version
upgrades, Multi-AZ) and endpoints (SSL mode; Neptune IAM authorization, MongoDB
authentication, Redis OSS TLS)."""

from __future__ import annotations

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
ACCOUNT_SCHEMA = {
    "dms_replication_instances": [DMS_REPLICATION_INSTANCE],
    "dms_endpoints": [DMS_ENDPOINT],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"dms_replication_instances": "arn", "dms_endpoints": "arn"}


@dataclass
class DmsTruth:
    dms_replication_instances: list[dict[str, Any]] = field(default_factory=list)
    dms_endpoints: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's replication instances, then its endpoints."""
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
        seed_endpoint(seeder, session, account_id, endpoint)


def seed_endpoint(seeder: Seeder, session: Any, account_id: str, endpoint: dict[str, Any]) -> None:
    """One endpoint, with its engine's settings where the estate gives them."""
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
