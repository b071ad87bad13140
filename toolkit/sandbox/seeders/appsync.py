"""AWS AppSync: GraphQL APIs authenticated with IAM, Cognito or API keys, logging their fields
to CloudWatch Logs or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

APPSYNC_API = {
    "name": str,
    "region": str,
    #: API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA.
    "authentication": str,
    #: Additional authentication types, beside the primary one.
    "additional_authentication": [str],
    #: NONE, ERROR, INFO, DEBUG or ALL; no log configuration at all when absent.
    "field_log_level": str,
    #: The role (in the same account) AppSync writes logs with.
    "log_role": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"appsync_apis": [APPSYNC_API]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"appsync_apis": "arn"}


@dataclass
class AppSyncTruth:
    appsync_apis: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's GraphQL APIs, each with its authentication types and log configuration."""
    for api in spec.get("appsync_apis", []):
        region = api.get("region", seeder.regions[0])
        appsync = seeder.client(session, "appsync", region)
        name = api["name"]
        primary = api.get("authentication", "AWS_IAM")
        additional = api.get("additional_authentication", [])
        params: dict[str, Any] = {"name": name, "authenticationType": primary}
        if additional:
            params["additionalAuthenticationProviders"] = [
                {"authenticationType": kind} for kind in additional
            ]
        level = api.get("field_log_level")
        if level:
            role = api.get("log_role", "appsync-logs")
            params["logConfig"] = {
                "fieldLogLevel": level,
                "cloudWatchLogsRoleArn": f"arn:aws:iam::{account_id}:role/{role}",
            }
        made = appsync.create_graphql_api(**params)["graphqlApi"]
        seeder.truth.appsync_apis.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "api_id": made["apiId"],
                "arn": made["arn"],
                "authentication_types": sorted({primary, *additional}),
                "field_log_level": level or "NONE",
            }
        )
        seeder.plant(api.get("planted"), account_id, region, name, "appsync_api")
