"""``config.recorders``: one row per configuration recorder of each region, and one row (with no
recorder) for a region that has none.

The list step (DescribeConfigurationRecorders) gives what each recorder records; its status and
the region's delivery channel are hydrates, each asked once per region (``memo``) however many
recorders the region has.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "config"


async def list_recorders(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call(client, "describe_configuration_recorders")
    recorders = answer.get("ConfigurationRecorders") or []
    if not recorders:
        # No recorder: the region records nothing (a row, so that a check can fail it).
        return [
            {
                "recorder_name": None,
                "all_supported": False,
                "include_global_resource_types": False,
            }
        ]
    rows = []
    for recorder in recorders:
        group = recorder.get("recordingGroup") or {}
        rows.append(
            {
                "recorder_name": recorder.get("name"),
                "role_arn": recorder.get("roleARN"),
                "all_supported": bool(group.get("allSupported")),
                "include_global_resource_types": bool(group.get("includeGlobalResourceTypes")),
            }
        )
    return rows


async def statuses(ctx: TableContext) -> dict[str, dict[str, Any]]:
    """Recorder name -> its status in this region, asked once a run per region."""

    async def fetch() -> dict[str, dict[str, Any]]:
        client = await ctx.client(SERVICE)
        answer = await ctx.aws.call(client, "describe_configuration_recorder_status")
        return {s["name"]: s for s in answer.get("ConfigurationRecordersStatus") or []}

    return await ctx.aws.memo(("config.status", ctx.account_id, ctx.region), fetch)


async def status(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    if item["recorder_name"] is None:
        return {"recording": False, "last_status": None}
    found = (await statuses(ctx)).get(item["recorder_name"], {})
    return {"recording": bool(found.get("recording")), "last_status": found.get("lastStatus")}


async def delivery(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The region's delivery channel (AWS Config allows one a region), shared by its recorders."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE)
        answer = await ctx.aws.call(client, "describe_delivery_channels")
        return answer.get("DeliveryChannels") or []

    channels = await ctx.aws.memo(("config.channels", ctx.account_id, ctx.region), fetch)
    channel = channels[0] if channels else {}
    return {
        "delivery_channel_name": channel.get("name"),
        "delivery_bucket": channel.get("s3BucketName"),
    }


recorders = declare(
    "config.recorders",
    where="regional",
    key=("account_id", "region", "recorder_name"),
    doc="AWS Config's configuration recorders, their status and delivery channel: one row per "
    "recorder, and one per region without any.",
    list=ListStep(("config:DescribeConfigurationRecorders",), list_recorders),
    hydrates=(
        Hydrate("status", ("config:DescribeConfigurationRecorderStatus",), status),
        Hydrate("delivery", ("config:DescribeDeliveryChannels",), delivery),
    ),
    columns=(
        Column(
            "recorder_name",
            "string",
            "The recorder's name; null on the row of a region that has no recorder.",
        ),
        Column("role_arn", "string", "The IAM role the recorder reads resources with."),
        Column(
            "all_supported",
            "boolean",
            "Whether it records every supported resource type (false without a recorder).",
        ),
        Column(
            "include_global_resource_types",
            "boolean",
            "Whether it also records global resources (IAM users, groups, roles, policies).",
        ),
        Column(
            "recording",
            "boolean",
            "Whether the recorder is on (false without a recorder).",
            "status",
        ),
        Column(
            "last_status",
            "string",
            "Its last recording attempt: SUCCESS, PENDING or FAILURE.",
            "status",
        ),
        Column(
            "delivery_channel_name",
            "string",
            "The region's delivery channel; null when there is none.",
            "delivery",
        ),
        Column(
            "delivery_bucket",
            "string",
            "The S3 bucket the delivery channel writes configuration snapshots and history to.",
            "delivery",
        ),
    ),
)
