"""``route53.hosted_zones``: every hosted zone of the account, and where its DNS queries are
logged.

Query logging is a hydrate that reads the account's query logging configurations once (a
memo shared by the zones) and picks the zone's.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "route53"


async def _client(ctx: TableContext) -> Any:
    return await ctx.client(SERVICE, "global")


def zone_id(value: str) -> str:
    """The zone's bare id: AWS answers ``/hostedzone/Z...`` in ListHostedZones, ``Z...``
    elsewhere."""
    return value.rsplit("/", 1)[-1]


async def list_zones(ctx: TableContext) -> list[dict[str, Any]]:
    listed = await ctx.aws.items(await _client(ctx), "list_hosted_zones", "HostedZones")
    rows = []
    for zone in listed:
        config = zone.get("Config") or {}
        bare = zone_id(zone["Id"])
        rows.append(
            {
                "region": "global",
                "zone_id": bare,
                "arn": f"arn:aws:route53:::hostedzone/{bare}",
                "name": zone.get("Name"),
                "private_zone": bool(config.get("PrivateZone", False)),
                "comment": config.get("Comment") or None,
                "record_set_count": zone.get("ResourceRecordSetCount"),
            }
        )
    return rows


async def query_logging(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The zone's query logging configuration, from the account's list read once."""

    async def fetch() -> dict[str, str]:
        configs = await ctx.aws.items(
            await _client(ctx), "list_query_logging_configs", "QueryLoggingConfigs"
        )
        return {zone_id(c["HostedZoneId"]): c.get("CloudWatchLogsLogGroupArn") for c in configs}

    configs = await ctx.aws.memo(("route53.query_logging", ctx.account_id), fetch)
    log_group = configs.get(item["zone_id"])
    return {"query_logging_enabled": item["zone_id"] in configs, "query_log_group_arn": log_group}


hosted_zones = declare(
    "route53.hosted_zones",
    where="global",
    key=("zone_id",),
    doc="Every Route 53 hosted zone of the account, public or private, with its query logging.",
    list=ListStep(("route53:ListHostedZones",), list_zones),
    hydrates=(Hydrate("query_logging", ("route53:ListQueryLoggingConfigs",), query_logging),),
    columns=(
        Column("zone_id", "string", "The hosted zone's id (Z...)."),
        Column("arn", "string", "arn:aws:route53:::hostedzone/ZONE_ID."),
        Column("name", "string", "The domain name, with its trailing dot."),
        Column(
            "private_zone",
            "boolean",
            "Whether the zone is private (answers only inside its VPCs) or public.",
        ),
        Column("comment", "string", "The zone's comment; null if none."),
        Column("record_set_count", "Int64", "How many record sets the zone holds."),
        Column(
            "query_logging_enabled",
            "boolean",
            "Whether Route 53 logs the zone's DNS queries to CloudWatch Logs.",
            "query_logging",
        ),
        Column(
            "query_log_group_arn",
            "string",
            "The CloudWatch Logs log group the queries go to; null when not logged.",
            "query_logging",
        ),
    ),
)
