"""``cloudtrail.trails``: every trail, in its home region only, with whether it is logging.

DescribeTrails answers the configuration columns; GetTrailStatus is a per-trail hydrate, called
only when ``is_logging`` or ``latest_delivery_time`` is asked for.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare
from ._shared import GONE, SERVICE, home_trails


async def list_trails(ctx: TableContext) -> list[dict[str, Any]]:
    return [
        {
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
            "cloud_watch_logs_log_group_arn": trail.get("CloudWatchLogsLogGroupArn") or None,
            "cloud_watch_logs_role_arn": trail.get("CloudWatchLogsRoleArn") or None,
            "has_custom_event_selectors": bool_or_none(trail.get("HasCustomEventSelectors")),
        }
        for trail in await home_trails(ctx)
    ]


async def status(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(client, "get_trail_status", None, GONE, Name=item["arn"])
    if answer is None:
        return None
    return {
        "is_logging": bool_or_none(answer.get("IsLogging")),
        "latest_delivery_time": answer.get("LatestDeliveryTime"),
    }


trails = declare(
    "cloudtrail.trails",
    where="regional",
    key=("arn",),
    activity=("latest_delivery_time",),
    doc="Every trail, in its home region only, with whether it is logging.",
    list=ListStep(("cloudtrail:DescribeTrails",), list_trails),
    hydrates=(Hydrate("status", ("cloudtrail:GetTrailStatus",), status),),
    columns=(
        Column("name", "string", "The trail's name."),
        Column("arn", "string", "arn:aws:cloudtrail:HOME_REGION:ACCOUNT:trail/NAME."),
        Column("home_region", "string", "The region the trail was created in (the row's region)."),
        Column("s3_bucket_name", "string", "The bucket the trail delivers log files to."),
        Column("s3_key_prefix", "string", "The key prefix of the log files; null if none."),
        Column("is_multi_region", "boolean", "Whether the trail logs every region."),
        Column(
            "include_global_service_events",
            "boolean",
            "Whether it logs global services' events (IAM, STS, CloudFront).",
        ),
        Column(
            "log_file_validation_enabled",
            "boolean",
            "Whether digest files let log file integrity be validated.",
        ),
        Column("kms_key_id", "string", "The KMS key that encrypts the log files; null for SSE-S3."),
        Column(
            "is_organization_trail",
            "boolean",
            "Whether it logs every account of the organization.",
        ),
        Column(
            "is_logging", "boolean", "Whether the trail is logging now (GetTrailStatus).", "status"
        ),
        Column(
            "latest_delivery_time",
            "datetime64[ns, UTC]",
            "When log files were last delivered to the bucket; null if never.",
            "status",
        ),
        Column(
            "cloud_watch_logs_log_group_arn",
            "string",
            "The CloudWatch Logs group events also go to; null if none.",
        ),
        Column(
            "cloud_watch_logs_role_arn",
            "string",
            "The IAM role CloudTrail assumes to deliver to that log group; null if none.",
        ),
        Column(
            "has_custom_event_selectors",
            "boolean",
            "Whether event selectors other than the default are set.",
        ),
    ),
)
