"""``efs.access_points``: every EFS access point, with the root directory and the POSIX user it
enforces. One DescribeAccessPoints (paged, no file system named: every access point of the
account in the region) answers every column."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "efs"
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def list_access_points(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_access_points", "AccessPoints", **PAGE)
    rows = []
    for point in found:
        user = point.get("PosixUser") or {}
        root = point.get("RootDirectory") or {}
        rows.append(
            {
                "access_point_id": point["AccessPointId"],
                "arn": point.get("AccessPointArn"),
                "name": point.get("Name") or None,
                "file_system_id": point.get("FileSystemId"),
                "root_directory_path": root.get("Path"),
                "posix_user_uid": user.get("Uid"),
                "posix_user_gid": user.get("Gid"),
                "life_cycle_state": point.get("LifeCycleState"),
                "owner_id": point.get("OwnerId"),
            }
        )
    return rows


access_points = declare(
    "efs.access_points",
    where="regional",
    key=("arn",),
    doc="Every EFS access point, with the root directory and POSIX user it enforces on clients.",
    list=ListStep(("elasticfilesystem:DescribeAccessPoints",), list_access_points),
    columns=(
        Column("access_point_id", "string", "The access point's id (fsap-...)."),
        Column(
            "arn",
            "string",
            "arn:aws:elasticfilesystem:REGION:ACCOUNT:access-point/ACCESS_POINT_ID.",
        ),
        Column("name", "string", "The value of its Name tag; null without one."),
        Column("file_system_id", "string", "The file system it gives access to."),
        Column(
            "root_directory_path",
            "string",
            "The directory clients see as the root; / (the whole file system) by default.",
        ),
        Column(
            "posix_user_uid",
            "Int64",
            "The user id every client request runs as; null when it enforces no user.",
        ),
        Column(
            "posix_user_gid",
            "Int64",
            "The group id every client request runs as; null when it enforces no user.",
        ),
        Column("life_cycle_state", "string", "creating, available, updating, deleting, ..."),
        Column("owner_id", "string", "The account that owns it."),
    ),
)
