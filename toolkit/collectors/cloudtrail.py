"""AWS CloudTrail: trails with their logging status, and their event selectors.

Per account and region: one DescribeTrails (not paged) with includeShadowTrails=False, shared by
both tables, so a multi-region trail is listed once, in its home region, and an organization
trail once, in the management account (AWS lists the other copies only as shadow trails; the
table also keeps only trails whose home region and account are the ones being read). Then per
trail, run concurrently: GetTrailStatus for ``cloudtrail.trails`` and GetEventSelectors for
``cloudtrail.event_selectors``, so 1 call a trail for each table. A region without a home trail
costs the one DescribeTrails.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .base import TableContext, bool_or_none, table

SERVICE = "cloudtrail"
#: A trail deleted between DescribeTrails and its detail call is gone: no row.
GONE = ("TrailNotFoundException",)


async def _trails(ctx: TableContext) -> list[dict[str, Any]]:
    """The trails whose home is this (account, region), read once a run for both tables."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE)
        answer = await ctx.aws.call(client, "describe_trails", includeShadowTrails=False)
        return [trail for trail in answer.get("trailList") or [] if _is_home(ctx, trail)]

    return await ctx.aws.memo(("cloudtrail.trails", ctx.account_id, ctx.region), fetch)


def _is_home(ctx: TableContext, trail: dict[str, Any]) -> bool:
    arn = trail.get("TrailARN") or ""
    parts = arn.split(":")
    owner = parts[4] if len(parts) > 5 else ctx.account_id
    return trail.get("HomeRegion", ctx.region) == ctx.region and owner == ctx.account_id


@table(
    "cloudtrail.trails",
    where="regional",
    key=("arn",),
    calls=("cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"),
    columns=(
        ("name", "string", "The trail's name."),
        ("arn", "string", "arn:aws:cloudtrail:HOME_REGION:ACCOUNT:trail/NAME."),
        ("home_region", "string", "The region the trail was created in (the row's region)."),
        ("s3_bucket_name", "string", "The bucket the trail delivers log files to."),
        ("s3_key_prefix", "string", "The key prefix of the log files; null if none."),
        ("is_multi_region", "boolean", "Whether the trail logs every region."),
        (
            "include_global_service_events",
            "boolean",
            "Whether it logs global services' events (IAM, STS, CloudFront).",
        ),
        (
            "log_file_validation_enabled",
            "boolean",
            "Whether digest files let log file integrity be validated.",
        ),
        ("kms_key_id", "string", "The KMS key that encrypts the log files; null for SSE-S3."),
        ("is_organization_trail", "boolean", "Whether it logs every account of the organization."),
        ("is_logging", "boolean", "Whether the trail is logging now (GetTrailStatus)."),
        (
            "latest_delivery_time",
            "datetime64[ns, UTC]",
            "When log files were last delivered to the bucket; null if never.",
        ),
        (
            "cloud_watch_logs_log_group_arn",
            "string",
            "The CloudWatch Logs group events also go to; null if none.",
        ),
        (
            "has_custom_event_selectors",
            "boolean",
            "Whether event selectors other than the default are set.",
        ),
    ),
)
async def trails(ctx: TableContext) -> list[dict[str, Any]]:
    """Every trail, in its home region only, with whether it is logging."""
    client = await ctx.client(SERVICE)

    async def row(trail: dict[str, Any]) -> dict[str, Any] | None:
        status = await ctx.aws.call_or(
            client, "get_trail_status", None, GONE, Name=trail["TrailARN"]
        )
        if status is None:
            return None
        return {
            "name": trail.get("Name"),
            "arn": trail["TrailARN"],
            "home_region": trail.get("HomeRegion"),
            "s3_bucket_name": trail.get("S3BucketName"),
            "s3_key_prefix": trail.get("S3KeyPrefix") or None,
            "is_multi_region": bool_or_none(trail.get("IsMultiRegionTrail")),
            "include_global_service_events": bool_or_none(trail.get("IncludeGlobalServiceEvents")),
            "log_file_validation_enabled": bool_or_none(trail.get("LogFileValidationEnabled")),
            "kms_key_id": trail.get("KmsKeyId") or None,
            "is_organization_trail": bool_or_none(trail.get("IsOrganizationTrail")),
            "is_logging": bool_or_none(status.get("IsLogging")),
            "latest_delivery_time": status.get("LatestDeliveryTime"),
            "cloud_watch_logs_log_group_arn": trail.get("CloudWatchLogsLogGroupArn") or None,
            "has_custom_event_selectors": bool_or_none(trail.get("HasCustomEventSelectors")),
        }

    rows = await asyncio.gather(*(row(trail) for trail in await _trails(ctx)))
    return [found for found in rows if found is not None]


@table(
    "cloudtrail.event_selectors",
    where="regional",
    calls=("cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors"),
    columns=(
        ("trail_arn", "string", "The trail the selector belongs to."),
        ("trail_name", "string", "The trail's name."),
        (
            "kind",
            "string",
            "basic (an event selector) or advanced (an advanced event selector).",
        ),
        (
            "read_write_type",
            "string",
            "Basic selectors: ReadOnly, WriteOnly or All; null for advanced ones.",
        ),
        (
            "include_management_events",
            "boolean",
            "Whether management events are logged (advanced: it selects eventCategory Management).",
        ),
        (
            "exclude_management_event_sources",
            "string",
            "Basic selectors: JSON list of event sources left out (kms.amazonaws.com, ...).",
        ),
        (
            "data_resources",
            "string",
            "Basic selectors: JSON list of data event resources (Type, Values); null for advanced.",
        ),
        (
            "advanced_selectors",
            "string",
            "Advanced selectors: the selector (Name, FieldSelectors) as JSON; null for basic.",
        ),
    ),
)
async def event_selectors(ctx: TableContext) -> list[dict[str, Any]]:
    """Every event selector of every trail: one row per (trail, selector)."""
    client = await ctx.client(SERVICE)

    async def rows(trail: dict[str, Any]) -> list[dict[str, Any]]:
        answer = await ctx.aws.call_or(
            client, "get_event_selectors", None, GONE, TrailName=trail["TrailARN"]
        )
        if answer is None:
            return []
        base = {"trail_arn": trail["TrailARN"], "trail_name": trail.get("Name")}
        found = [
            {
                **base,
                "kind": "basic",
                "read_write_type": selector.get("ReadWriteType"),
                "include_management_events": bool_or_none(selector.get("IncludeManagementEvents")),
                "exclude_management_event_sources": json.dumps(
                    sorted(selector.get("ExcludeManagementEventSources") or [])
                ),
                "data_resources": json.dumps(selector.get("DataResources") or []),
                "advanced_selectors": None,
            }
            for selector in answer.get("EventSelectors") or []
        ]
        found += [
            {
                **base,
                "kind": "advanced",
                "read_write_type": None,
                "include_management_events": _selects_management(selector),
                "exclude_management_event_sources": None,
                "data_resources": None,
                "advanced_selectors": json.dumps(selector, sort_keys=True),
            }
            for selector in answer.get("AdvancedEventSelectors") or []
        ]
        return found

    per_trail = await asyncio.gather(*(rows(trail) for trail in await _trails(ctx)))
    return [row for found in per_trail for row in found]


def _selects_management(selector: dict[str, Any]) -> bool:
    for field in selector.get("FieldSelectors") or []:
        if field.get("Field") == "eventCategory":
            return "Management" in (field.get("Equals") or [])
    return False
