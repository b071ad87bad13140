"""``inspector2.account_status``: one row per account and region, each scan type's status."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "inspector2"
#: Column -> the key of BatchGetAccountStatus's ``resourceState``.
SCANS = {"ec2": "ec2", "ecr": "ecr", "lambda_standard": "lambda", "lambda_code": "lambdaCode"}


async def read_account_status(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    got = await ctx.aws.call(client, "batch_get_account_status", accountIds=[ctx.account_id])
    own = [a for a in got.get("accounts") or [] if a.get("accountId") == ctx.account_id]
    if not own:
        return []
    states = own[0].get("resourceState") or {}
    row: dict[str, Any] = {"status": (own[0].get("state") or {}).get("status")}
    for column, key in SCANS.items():
        row[column] = (states.get(key) or {}).get("status")
    return [row]


account_status = declare(
    "inspector2.account_status",
    where="regional",
    key=("account_id", "region"),
    doc="Amazon Inspector's status and each scan type's: one row per account and region.",
    list=ListStep(("inspector2:BatchGetAccountStatus",), read_account_status),
    columns=(
        Column("status", "string", "Inspector's own status: ENABLED, DISABLED, ENABLING..."),
        Column("ec2", "string", "EC2 scanning: ENABLED, DISABLED, ..."),
        Column("ecr", "string", "ECR scanning: ENABLED, DISABLED, ..."),
        Column("lambda_standard", "string", "Lambda standard scanning: ENABLED, DISABLED, ..."),
        Column("lambda_code", "string", "Lambda code scanning: ENABLED, DISABLED, ..."),
    ),
)
