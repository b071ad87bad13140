"""Amazon DynamoDB: tables with or without deletion protection and point-in-time recovery,
encrypted with AWS's own key (the default), the AWS managed key aws/dynamodb or a KMS key of
the account.

Seeded after KMS (a table names a customer managed key by its alias).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

DYNAMODB_TABLE = {
    "name": str,
    "region": str,
    #: PAY_PER_REQUEST (on-demand) or PROVISIONED (1 read and 1 write unit).
    "billing_mode": str,
    "deletion_protection": bool,
    "point_in_time_recovery": bool,
    #: "aws-owned" (the default), "aws-managed" (aws/dynamodb) or the alias of the account's key.
    "encryption": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"dynamodb_tables": [DYNAMODB_TABLE]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"dynamodb_tables": "arn"}


@dataclass
class DynamoDbTruth:
    dynamodb_tables: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's tables (a string hash key ``id``), then point-in-time recovery."""
    for table in spec.get("dynamodb_tables", []):
        region = table.get("region", seeder.regions[0])
        dynamodb = seeder.client(session, "dynamodb", region)
        mode = table.get("billing_mode", "PAY_PER_REQUEST")
        options: dict[str, Any] = {}
        if mode == "PROVISIONED":
            options["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        encryption = table.get("encryption", "aws-owned")
        key_arn = None
        if encryption == "aws-managed":
            options["SSESpecification"] = {"Enabled": True, "SSEType": "KMS"}
        elif encryption != "aws-owned":
            key_arn = kms.key_arns(seeder, account_id)[encryption]
            options["SSESpecification"] = {
                "Enabled": True,
                "SSEType": "KMS",
                "KMSMasterKeyId": key_arn,
            }
        made = dynamodb.create_table(
            TableName=table["name"],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            BillingMode=mode,
            DeletionProtectionEnabled=bool(table.get("deletion_protection")),
            **options,
        )["TableDescription"]
        if table.get("point_in_time_recovery"):
            dynamodb.update_continuous_backups(
                TableName=table["name"],
                PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
            )
        seeder.truth.dynamodb_tables.append(
            {
                "account_id": account_id,
                "region": region,
                "name": table["name"],
                "arn": made["TableArn"],
                "billing_mode": mode,
                "deletion_protection": bool(table.get("deletion_protection")),
                "point_in_time_recovery": bool(table.get("point_in_time_recovery")),
                "encryption": encryption,
                "kms_key_arn": key_arn,
            }
        )
        seeder.plant(table.get("planted"), account_id, region, table["name"], "dynamodb_table")
