"""AWS Transfer Family: servers speaking SFTP, FTPS or plain FTP, and connectors to partners'
servers logging to CloudWatch or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

TRANSFER_SERVER = {
    "name": str,
    "region": str,
    #: SFTP (AWS's default), FTPS, FTP, AS2.
    "protocols": [str],
    #: PUBLIC (the default here) or VPC.
    "endpoint_type": str,
    #: SERVICE_MANAGED (the default here) or API_GATEWAY, AWS_LAMBDA, ...
    "identity_provider": str,
    #: The role (in the same account) the server logs with; none by default.
    "logging_role": str,
    "planted": PLANTED,
}
TRANSFER_CONNECTOR = {
    "name": str,
    "region": str,
    "url": str,
    "logging_role": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "transfer_servers": [TRANSFER_SERVER],
    "transfer_connectors": [TRANSFER_CONNECTOR],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"transfer_servers": "arn", "transfer_connectors": "arn"}


@dataclass
class TransferTruth:
    transfer_servers: list[dict[str, Any]] = field(default_factory=list)
    transfer_connectors: list[dict[str, Any]] = field(default_factory=list)


def role_arn(account_id: str, name: str | None) -> str | None:
    return f"arn:aws:iam::{account_id}:role/{name}" if name else None


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's servers, then its connectors. AWS names them by the id it draws (s-...,
    c-...); the estate's name is a Name tag and the planted resource is the id."""
    for server in spec.get("transfer_servers", []):
        region = server.get("region", seeder.regions[0])
        transfer = seeder.client(session, "transfer", region)
        protocols = server.get("protocols", ["SFTP"])
        logging = role_arn(account_id, server.get("logging_role"))
        params: dict[str, Any] = {
            "Protocols": protocols,
            "EndpointType": server.get("endpoint_type", "PUBLIC"),
            "IdentityProviderType": server.get("identity_provider", "SERVICE_MANAGED"),
            "Tags": [{"Key": "Name", "Value": server["name"]}],
        }
        if logging:
            params["LoggingRole"] = logging
        server_id = transfer.create_server(**params)["ServerId"]
        seeder.truth.transfer_servers.append(
            {
                "account_id": account_id,
                "region": region,
                "name": server["name"],
                "server_id": server_id,
                "arn": f"arn:aws:transfer:{region}:{account_id}:server/{server_id}",
                "protocols": sorted(protocols),
                "logging_role": logging,
            }
        )
        seeder.plant(server.get("planted"), account_id, region, server_id, "transfer_server")
    for connector in spec.get("transfer_connectors", []):
        region = connector.get("region", seeder.regions[0])
        transfer = seeder.client(session, "transfer", region)
        logging = role_arn(account_id, connector.get("logging_role"))
        params = {
            "Url": connector["url"],
            "AccessRole": role_arn(account_id, "transfer-connector-access"),
            "SftpConfig": {"UserSecretId": f"transfer/{connector['name']}"},
            "Tags": [{"Key": "Name", "Value": connector["name"]}],
        }
        if logging:
            params["LoggingRole"] = logging
        connector_id = transfer.create_connector(**params)["ConnectorId"]
        seeder.truth.transfer_connectors.append(
            {
                "account_id": account_id,
                "region": region,
                "name": connector["name"],
                "connector_id": connector_id,
                "arn": f"arn:aws:transfer:{region}:{account_id}:connector/{connector_id}",
                "url": connector["url"],
                "logging_role": logging,
            }
        )
        seeder.plant(
            connector.get("planted"), account_id, region, connector_id, "transfer_connector"
        )
