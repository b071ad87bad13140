"""``kms.keys``: every key, with its aliases, state, automatic rotation and key policy.

The list step (ListKeys, ListAliases) gives each key's id, ARN and aliases. DescribeKey,
GetKeyRotationStatus and GetKeyPolicy are per-key hydrates; the rotation hydrate waits for
DescribeKey, whose answer says whether rotation applies to the key at all.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare

SERVICE = "kms"
KEYS_PAGE = {"PaginationConfig": {"PageSize": 1000}}
ALIASES_PAGE = {"PaginationConfig": {"PageSize": 100}}
#: Answers of GetKeyRotationStatus meaning "rotation does not apply to this key": null.
NO_ROTATION = ("UnsupportedOperationException", "KMSInvalidStateException")
#: A key deleted between ListKeys and its detail calls is gone: no row.
GONE = ("NotFoundException",)


async def list_keys(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed, aliases = await asyncio.gather(
        ctx.aws.items(client, "list_keys", "Keys", **KEYS_PAGE),
        ctx.aws.items(client, "list_aliases", "Aliases", **ALIASES_PAGE),
    )
    by_key: dict[str, list[str]] = defaultdict(list)
    for alias in aliases:
        if alias.get("TargetKeyId"):
            by_key[alias["TargetKeyId"]].append(alias["AliasName"])
    return [
        {
            "key_id": key["KeyId"],
            "arn": key.get("KeyArn"),
            "aliases": json.dumps(sorted(by_key.get(key["KeyId"], []))),
        }
        for key in listed
    ]


async def key_metadata(ctx: TableContext, key_id: str) -> dict[str, Any] | None:
    """DescribeKey's answer, asked once a run per key (two hydrates read it); None if gone."""

    async def fetch() -> dict[str, Any] | None:
        client = await ctx.client(SERVICE)
        described = await ctx.aws.call_or(client, "describe_key", None, GONE, KeyId=key_id)
        return None if described is None else described["KeyMetadata"]

    return await ctx.aws.memo(("kms.key", ctx.account_id, ctx.region, key_id), fetch)


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    meta = await key_metadata(ctx, item["key_id"])
    if meta is None:
        return None
    return {
        "description": meta.get("Description"),
        "key_manager": meta.get("KeyManager"),
        "key_state": meta.get("KeyState"),
        "key_spec": key_spec(meta),
        "key_usage": meta.get("KeyUsage"),
        "enabled": bool_or_none(meta.get("Enabled")),
        "creation_date": meta.get("CreationDate"),
    }


async def rotation(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """Asked only of the keys whose rotation a customer sets; null for every other key."""
    meta = await key_metadata(ctx, item["key_id"])
    if meta is None or not rotation_applies(meta):
        return {"rotation_enabled": None}
    client = await ctx.client(SERVICE)
    status = await ctx.aws.call_or(
        client, "get_key_rotation_status", None, NO_ROTATION + GONE, KeyId=item["key_id"]
    )
    return {"rotation_enabled": None if status is None else bool(status.get("KeyRotationEnabled"))}


async def policy(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "get_key_policy", None, GONE, KeyId=item["key_id"], PolicyName="default"
    )
    return None if answer is None else {"policy": answer.get("Policy")}


def key_spec(meta: dict[str, Any]) -> str | None:
    return meta.get("KeySpec") or meta.get("CustomerMasterKeySpec")


def rotation_applies(meta: dict[str, Any]) -> bool:
    """Customer managed symmetric keys with KMS key material: the keys whose rotation is set."""
    return (
        meta.get("KeyManager") == "CUSTOMER"
        and key_spec(meta) == "SYMMETRIC_DEFAULT"
        and meta.get("Origin", "AWS_KMS") == "AWS_KMS"
    )


keys = declare(
    "kms.keys",
    where="regional",
    key=("arn",),
    doc="Every KMS key, with its aliases, state, automatic rotation and key policy.",
    list=ListStep(("kms:ListKeys", "kms:ListAliases"), list_keys),
    hydrates=(
        Hydrate("describe", ("kms:DescribeKey",), describe),
        Hydrate("rotation", ("kms:GetKeyRotationStatus",), rotation, depends_on=("describe",)),
        Hydrate("policy", ("kms:GetKeyPolicy",), policy),
    ),
    columns=(
        Column("key_id", "string", "The key's id (a UUID, or mrk-... for a multi-Region key)."),
        Column("arn", "string", "arn:aws:kms:REGION:ACCOUNT:key/KEY_ID."),
        Column(
            "aliases", "string", "JSON list of the alias names (alias/...) that point at the key."
        ),
        Column("description", "string", "The key's description.", "describe"),
        Column(
            "key_manager",
            "string",
            "CUSTOMER (customer managed) or AWS (AWS managed).",
            "describe",
        ),
        Column(
            "key_state",
            "string",
            "Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, ...",
            "describe",
        ),
        Column(
            "key_spec",
            "string",
            "SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256, ...",
            "describe",
        ),
        Column(
            "key_usage",
            "string",
            "ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, ...",
            "describe",
        ),
        Column("enabled", "boolean", "Whether the key can be used.", "describe"),
        Column("creation_date", "datetime64[ns, UTC]", "When the key was created.", "describe"),
        Column(
            "rotation_enabled",
            "boolean",
            "Whether automatic rotation is on; null except for customer managed symmetric keys "
            "with KMS key material.",
            "rotation",
        ),
        Column("policy", "string", "The key policy document (JSON).", "policy"),
    ),
)
