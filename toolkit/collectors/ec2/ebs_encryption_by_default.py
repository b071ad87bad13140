"""``ec2.ebs_encryption_by_default``: one row per region. GetEbsEncryptionByDefault is the
list step; the default key (GetEbsDefaultKmsKeyId) is a hydrate, asked only for ``kms_key_id``."""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import SERVICE


async def setting(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call(client, "get_ebs_encryption_by_default")
    return [{"enabled": bool(answer.get("EbsEncryptionByDefault"))}]


async def default_key(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call(client, "get_ebs_default_kms_key_id")
    return {"kms_key_id": answer.get("KmsKeyId")}


ebs_encryption_by_default = declare(
    "ec2.ebs_encryption_by_default",
    where="regional",
    key=("account_id", "region"),
    doc="Whether EBS encryption by default is on, and its default KMS key: one row per region.",
    list=ListStep(("ec2:GetEbsEncryptionByDefault",), setting),
    hydrates=(Hydrate("default_key", ("ec2:GetEbsDefaultKmsKeyId",), default_key),),
    columns=(
        Column("enabled", "boolean", "Whether new EBS volumes are encrypted by default."),
        Column(
            "kms_key_id",
            "string",
            "The default KMS key for EBS encryption (alias/aws/ebs unless changed).",
            "default_key",
        ),
    ),
)
