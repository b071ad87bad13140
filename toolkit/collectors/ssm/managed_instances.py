"""``ssm.managed_instances``: every EC2 instance (or hybrid node) Systems Manager manages in the
account and region, with its agent's last ping.

One paged DescribeInstanceInformation (50 a page, AWS's maximum). An instance not listed here
is not managed by Systems Manager (FSBP SSM.1 joins this with ``ec2.instances``).
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "ssm"


async def list_managed(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(
        client,
        "describe_instance_information",
        "InstanceInformationList",
        PaginationConfig={"PageSize": 50},
    )
    return [
        {
            "instance_id": found["InstanceId"],
            "ping_status": found.get("PingStatus"),
            "last_ping": found.get("LastPingDateTime"),
            "agent_version": found.get("AgentVersion"),
            "is_latest_version": found.get("IsLatestVersion"),
            "platform_type": found.get("PlatformType"),
            "platform_name": found.get("PlatformName"),
            "resource_type": found.get("ResourceType"),
            "ip_address": found.get("IPAddress"),
            "computer_name": found.get("ComputerName"),
        }
        for found in listed
    ]


managed_instances = declare(
    "ssm.managed_instances",
    where="regional",
    key=("instance_id",),
    activity=("last_ping",),
    doc="Every instance Systems Manager manages, with its agent's last ping.",
    list=ListStep(("ssm:DescribeInstanceInformation",), list_managed),
    columns=(
        Column("instance_id", "string", "The EC2 instance id (i-...) or hybrid node id (mi-...)."),
        Column(
            "ping_status",
            "string",
            "Online, ConnectionLost (the agent stopped answering: a stopped instance) or Inactive.",
        ),
        Column("last_ping", "datetime64[ns, UTC]", "When the agent last reported."),
        Column("agent_version", "string", "The SSM Agent's version."),
        Column("is_latest_version", "boolean", "Whether the agent is the latest version."),
        Column("platform_type", "string", "Linux, Windows or MacOS."),
        Column("platform_name", "string", "The operating system's name."),
        Column("resource_type", "string", "EC2Instance or ManagedInstance (hybrid)."),
        Column("ip_address", "string", "The instance's IP address as the agent reports it."),
        Column("computer_name", "string", "The host name as the agent reports it."),
    ),
)
