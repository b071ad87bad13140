"""``codebuild.projects``: every CodeBuild build project, with its sources, environment
variables and logs.

ListProjects names the projects and BatchGetProjects (100 a call, AWS's maximum) describes them,
both in the list step. Secrets stay out of the table: a source URL is kept with its user name
and password or token replaced by ``***`` (the table says whether it carried a password or
token), and an environment variable by its name and type only.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..base import Column, ListStep, TableContext, declare

SERVICE = "codebuild"
#: BatchGetProjects takes at most this many names a call.
BATCH = 100


def url_has_credentials(location: str | None) -> bool:
    """Whether a source URL carries a password or token in its user info (user:secret@)."""
    try:
        return bool(location) and urlsplit(str(location)).password is not None
    except ValueError:
        return False


def redacted(location: str | None) -> str | None:
    """The URL with any user info replaced by ``***``: what the table may keep."""
    if not location:
        return location
    try:
        parts = urlsplit(location)
    except ValueError:
        return location
    if "@" not in parts.netloc:
        return location
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def _source(source: dict[str, Any]) -> dict[str, Any]:
    return {
        "identifier": source.get("sourceIdentifier") or "primary",
        "type": source.get("type"),
        "location": redacted(source.get("location")),
        "credentials_in_url": url_has_credentials(source.get("location")),
    }


def _row(project: dict[str, Any]) -> dict[str, Any]:
    environment = project.get("environment") or {}
    logs = project.get("logsConfig") or {}
    s3_logs = logs.get("s3Logs") or {}
    sources = [_source(project.get("source") or {})] + [
        _source(s) for s in project.get("secondarySources") or []
    ]
    variables = sorted(
        (
            {"name": v.get("name"), "type": v.get("type", "PLAINTEXT")}
            for v in environment.get("environmentVariables") or []
        ),
        key=lambda v: (str(v["name"]), str(v["type"])),
    )
    return {
        "name": project["name"],
        "arn": project["arn"],
        "source_type": (project.get("source") or {}).get("type"),
        "source_location": redacted((project.get("source") or {}).get("location")),
        "sources": json.dumps(sorted(sources, key=lambda s: s["identifier"])),
        "environment_type": environment.get("type"),
        "image": environment.get("image"),
        "environment_variables": json.dumps(variables),
        "service_role": project.get("serviceRole"),
        "encryption_key": project.get("encryptionKey"),
        "cloudwatch_logs_status": (logs.get("cloudWatchLogs") or {}).get("status"),
        "s3_logs_status": s3_logs.get("status"),
        "s3_logs_location": s3_logs.get("location"),
        "s3_logs_encryption_disabled": s3_logs.get("encryptionDisabled")
        if s3_logs.get("status") == "ENABLED"
        else None,
        "created": project.get("created"),
    }


async def list_projects(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    names = await ctx.aws.items(client, "list_projects", "projects")
    rows = []
    for start in range(0, len(names), BATCH):
        answer = await ctx.aws.call(
            client, "batch_get_projects", names=names[start : start + BATCH]
        )
        rows.extend(_row(project) for project in answer.get("projects") or [])
    return rows


projects = declare(
    "codebuild.projects",
    where="regional",
    key=("arn",),
    doc="Every CodeBuild build project, with its sources, environment variables (names and "
    "types) and logs.",
    list=ListStep(("codebuild:ListProjects", "codebuild:BatchGetProjects"), list_projects),
    columns=(
        Column("name", "string", "The project's name."),
        Column("arn", "string", "arn:aws:codebuild:REGION:ACCOUNT:project/NAME."),
        Column("source_type", "string", "Its primary source: BITBUCKET, GITHUB, S3, ..."),
        Column(
            "source_location",
            "string",
            "Its primary source's location, any user name and password or token replaced by ***.",
        ),
        Column(
            "sources",
            "string",
            "JSON list of its primary and secondary sources, sorted by identifier ('primary' "
            "for the primary): identifier, type, location (user info as ***) and "
            "credentials_in_url (the URL carried a password or token).",
        ),
        Column("environment_type", "string", "LINUX_CONTAINER, ARM_CONTAINER, ..."),
        Column("image", "string", "The build image."),
        Column(
            "environment_variables",
            "string",
            "JSON list of its environment variables' names and types (PLAINTEXT, "
            "PARAMETER_STORE, SECRETS_MANAGER), sorted by name; values are never kept.",
        ),
        Column("service_role", "string", "The IAM role builds act as."),
        Column("encryption_key", "string", "The KMS key that encrypts its build output."),
        Column(
            "cloudwatch_logs_status", "string", "ENABLED or DISABLED: build logs to CloudWatch."
        ),
        Column("s3_logs_status", "string", "ENABLED or DISABLED: build logs to S3."),
        Column("s3_logs_location", "string", "bucket/prefix of its S3 logs; null without."),
        Column(
            "s3_logs_encryption_disabled",
            "boolean",
            "Whether its S3 logs are written unencrypted; null when S3 logs are off.",
        ),
        Column("created", "datetime64[ns, UTC]", "When it was created."),
    ),
)
