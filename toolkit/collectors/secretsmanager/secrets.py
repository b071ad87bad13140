"""``secretsmanager.secrets``: every secret, with its rotation, when it was last rotated,
changed and accessed, and the KMS key that encrypts it. One list call answers all of it."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "secretsmanager"
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def list_secrets(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "list_secrets", "SecretList", **PAGE)
    return [
        {
            "name": secret["Name"],
            "arn": secret["ARN"],
            "kms_key_id": secret.get("KmsKeyId"),
            "rotation_enabled": bool(secret.get("RotationEnabled")),
            "rotation_every_days": (secret.get("RotationRules") or {}).get(
                "AutomaticallyAfterDays"
            ),
            "created_date": secret.get("CreatedDate"),
            "last_changed_date": secret.get("LastChangedDate"),
            "last_rotated_date": secret.get("LastRotatedDate"),
            "next_rotation_date": secret.get("NextRotationDate"),
            "last_accessed_date": secret.get("LastAccessedDate"),
        }
        for secret in listed
    ]


secrets = declare(
    "secretsmanager.secrets",
    where="regional",
    key=("arn",),
    activity=("last_accessed_date",),
    doc="Every Secrets Manager secret, with its rotation, its last rotation, change and access, "
    "and its KMS key.",
    list=ListStep(("secretsmanager:ListSecrets",), list_secrets),
    columns=(
        Column("name", "string", "The secret's name."),
        Column(
            "arn",
            "string",
            "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX (six random characters).",
        ),
        Column(
            "kms_key_id",
            "string",
            "The KMS key that encrypts it; null for the AWS managed key aws/secretsmanager.",
        ),
        Column("rotation_enabled", "boolean", "Whether automatic rotation is on."),
        Column(
            "rotation_every_days",
            "Int64",
            "The rotation interval in days (RotationRules.AutomaticallyAfterDays); null "
            "without rotation rules.",
        ),
        Column("created_date", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "last_changed_date",
            "datetime64[ns, UTC]",
            "When its value or settings last changed.",
        ),
        Column(
            "last_rotated_date",
            "datetime64[ns, UTC]",
            "When it was last rotated; null if never.",
        ),
        Column(
            "next_rotation_date",
            "datetime64[ns, UTC]",
            "When it is next rotated; null without rotation.",
        ),
        Column(
            "last_accessed_date",
            "datetime64[ns, UTC]",
            "The day it was last read (AWS keeps the date only, at midnight UTC); null if never.",
        ),
    ),
)
