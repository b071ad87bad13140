"""AWS KMS: keys with their aliases, rotation and key policy.

Per account and region: ListKeys and ListAliases, once each, paged at 1,000 and 100 items a page.
Then per key, run concurrently: DescribeKey and GetKeyPolicy (the ``default`` policy, the only
name KMS has), plus GetKeyRotationStatus for customer managed symmetric keys with KMS key
material (the only keys whose automatic rotation a customer sets): 2 or 3 calls a key. AWS
managed keys (aws/s3, aws/ebs, ...) are listed by ListKeys and have rows too.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any

from .base import TableContext, bool_or_none, table

SERVICE = "kms"
KEYS_PAGE = {"PaginationConfig": {"PageSize": 1000}}
ALIASES_PAGE = {"PaginationConfig": {"PageSize": 100}}
#: Answers of GetKeyRotationStatus meaning "rotation does not apply to this key": null.
NO_ROTATION = ("UnsupportedOperationException", "KMSInvalidStateException")
#: A key deleted between ListKeys and its detail calls is gone: no row.
GONE = ("NotFoundException",)


@table(
    "kms.keys",
    where="regional",
    key=("arn",),
    calls=(
        "kms:ListKeys",
        "kms:ListAliases",
        "kms:DescribeKey",
        "kms:GetKeyRotationStatus",
        "kms:GetKeyPolicy",
    ),
    columns=(
        ("key_id", "string", "The key's id (a UUID, or mrk-... for a multi-Region key)."),
        ("arn", "string", "arn:aws:kms:REGION:ACCOUNT:key/KEY_ID."),
        ("aliases", "string", "JSON list of the alias names (alias/...) that point at the key."),
        ("description", "string", "The key's description."),
        ("key_manager", "string", "CUSTOMER (customer managed) or AWS (AWS managed)."),
        (
            "key_state",
            "string",
            "Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, ...",
        ),
        ("key_spec", "string", "SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256, ..."),
        ("key_usage", "string", "ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, ..."),
        ("enabled", "boolean", "Whether the key can be used."),
        ("creation_date", "datetime64[ns, UTC]", "When the key was created."),
        (
            "rotation_enabled",
            "boolean",
            "Whether automatic rotation is on; null except for customer managed symmetric keys "
            "with KMS key material.",
        ),
        ("policy", "string", "The key policy document (JSON)."),
    ),
)
async def keys(ctx: TableContext) -> list[dict[str, Any]]:
    """Every KMS key, with its aliases, state, automatic rotation and key policy."""
    client = await ctx.client(SERVICE)
    listed, aliases = await asyncio.gather(
        ctx.aws.items(client, "list_keys", "Keys", **KEYS_PAGE),
        ctx.aws.items(client, "list_aliases", "Aliases", **ALIASES_PAGE),
    )
    by_key: dict[str, list[str]] = defaultdict(list)
    for alias in aliases:
        if alias.get("TargetKeyId"):
            by_key[alias["TargetKeyId"]].append(alias["AliasName"])
    rows = await asyncio.gather(*(_key(ctx, client, key["KeyId"], by_key) for key in listed))
    return [row for row in rows if row is not None]


async def _key(
    ctx: TableContext, client: Any, key_id: str, aliases: dict[str, list[str]]
) -> dict[str, Any] | None:
    aws = ctx.aws

    async def describe() -> tuple[dict[str, Any] | None, bool | None]:
        described = await aws.call_or(client, "describe_key", None, GONE, KeyId=key_id)
        meta = None if described is None else described["KeyMetadata"]
        if meta is None or not _rotation_applies(meta):
            return meta, None
        status = await aws.call_or(
            client, "get_key_rotation_status", None, NO_ROTATION + GONE, KeyId=key_id
        )
        return meta, None if status is None else bool(status.get("KeyRotationEnabled"))

    (meta, rotation), policy = await asyncio.gather(
        describe(),
        aws.call_or(client, "get_key_policy", None, GONE, KeyId=key_id, PolicyName="default"),
    )
    if meta is None or policy is None:
        return None
    return {
        "key_id": meta["KeyId"],
        "arn": meta.get("Arn"),
        "aliases": json.dumps(sorted(aliases.get(meta["KeyId"], []))),
        "description": meta.get("Description"),
        "key_manager": meta.get("KeyManager"),
        "key_state": meta.get("KeyState"),
        "key_spec": _spec(meta),
        "key_usage": meta.get("KeyUsage"),
        "enabled": bool_or_none(meta.get("Enabled")),
        "creation_date": meta.get("CreationDate"),
        "rotation_enabled": rotation,
        "policy": policy.get("Policy"),
    }


def _spec(meta: dict[str, Any]) -> str | None:
    return meta.get("KeySpec") or meta.get("CustomerMasterKeySpec")


def _rotation_applies(meta: dict[str, Any]) -> bool:
    """Customer managed symmetric keys with KMS key material: the keys whose rotation is set."""
    return (
        meta.get("KeyManager") == "CUSTOMER"
        and _spec(meta) == "SYMMETRIC_DEFAULT"
        and meta.get("Origin", "AWS_KMS") == "AWS_KMS"
    )
