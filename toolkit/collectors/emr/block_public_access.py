"""``emr.block_public_access``: one row per account and region, EMR's block public access
setting: whether clusters may start with security groups open to the internet, and on which
ports that is still allowed.

AWS turned the setting on (port 22 permitted) in every region of every account in 2019; a
region where it was never changed answers that default.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "emr"


def port_range(entry: dict[str, Any]) -> str:
    """ "22" for a single port, "8000-8100" for a range (MaxRange absent means one port)."""
    low = entry.get("MinRange")
    high = entry.get("MaxRange", low)
    return str(low) if high in (None, low) else f"{low}-{high}"


async def setting(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call(client, "get_block_public_access_configuration")
    config = answer.get("BlockPublicAccessConfiguration") or {}
    metadata = answer.get("BlockPublicAccessConfigurationMetadata") or {}
    ranges = config.get("PermittedPublicSecurityGroupRuleRanges") or []
    return [
        {
            "block_public_security_group_rules": config.get("BlockPublicSecurityGroupRules"),
            "permitted_port_ranges": json.dumps(
                sorted((port_range(r) for r in ranges), key=lambda r: int(r.split("-")[0]))
            ),
            "created_by_arn": metadata.get("CreatedByArn"),
        }
    ]


block_public_access = declare(
    "emr.block_public_access",
    where="regional",
    key=("account_id", "region"),
    doc="EMR's block public access setting: one row per account and region.",
    list=ListStep(("elasticmapreduce:GetBlockPublicAccessConfiguration",), setting),
    columns=(
        Column(
            "block_public_security_group_rules",
            "boolean",
            "Whether EMR refuses to start a cluster whose security groups allow inbound traffic "
            "from anywhere (0.0.0.0/0 or ::/0) on a port not permitted below.",
        ),
        Column(
            "permitted_port_ranges",
            "string",
            "JSON sorted list of the ports and ranges ('22', '8000-8100') still allowed open "
            "to anywhere.",
        ),
        Column("created_by_arn", "string", "Who last set the configuration."),
    ),
)
