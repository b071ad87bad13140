"""AWS CodeBuild: build projects with their sources (a Bitbucket URL may carry a user name and
password), environment variables (plain text or from Parameter Store / Secrets Manager) and
logs (CloudWatch Logs, S3 with or without encryption).

Seeded in each account's last steps. A project names its service role by ARN,
``arn:aws:iam::ACCOUNT:role/<role>``; CodeBuild's CreateProject does not look it up in the
sandbox, so the estate needs no IAM role for it. Environment variable values are made up from
their names: the truth keeps names and types only, as the table does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SOURCE = {"type": str, "location": str}
VARIABLE = {"name": str, "type": str}  # type: PLAINTEXT (default), PARAMETER_STORE, ...
PROJECT = {
    "name": str,
    "region": str,
    "role": str,
    "source": SOURCE,
    "secondary_sources": [SOURCE],
    "environment_variables": [VARIABLE],
    #: CloudWatch Logs (AWS's default: on) and S3 logs (default: off) as "bucket/prefix".
    "cloudwatch_logs": bool,
    "s3_logs": str,
    "s3_logs_encrypted": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"codebuild_projects": [PROJECT]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"codebuild_projects": "arn"}
DEFAULT_ROLE = "CodeBuildService"
IMAGE = "aws/codebuild/standard:7.0"


@dataclass
class CodeBuildTruth:
    codebuild_projects: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's build projects."""
    for project in spec.get("codebuild_projects", []):
        region = project.get("region", seeder.regions[0])
        variables = [
            {
                "name": v["name"],
                "value": f"value-of-{v['name'].lower()}",
                "type": v.get("type", "PLAINTEXT"),
            }
            for v in project.get("environment_variables", [])
        ]
        secondary = [
            {**source, "sourceIdentifier": f"source{index}"}
            for index, source in enumerate(project.get("secondary_sources", []), start=1)
        ]
        logs = {
            "cloudWatchLogs": {
                "status": "ENABLED" if project.get("cloudwatch_logs", True) else "DISABLED"
            },
            "s3Logs": {"status": "DISABLED"},
        }
        if project.get("s3_logs"):
            logs["s3Logs"] = {
                "status": "ENABLED",
                "location": project["s3_logs"],
                "encryptionDisabled": not project.get("s3_logs_encrypted", True),
            }
        made = seeder.client(session, "codebuild", region).create_project(
            name=project["name"],
            source=dict(project["source"]),
            secondarySources=secondary,
            artifacts={"type": "NO_ARTIFACTS"},
            environment={
                "type": "LINUX_CONTAINER",
                "image": IMAGE,
                "computeType": "BUILD_GENERAL1_SMALL",
                "environmentVariables": variables,
            },
            serviceRole=f"arn:aws:iam::{account_id}:role/{project.get('role', DEFAULT_ROLE)}",
            logsConfig=logs,
        )["project"]
        seeder.truth.codebuild_projects.append(
            {
                "account_id": account_id,
                "region": region,
                "name": project["name"],
                "arn": made["arn"],
                "source": dict(project["source"]),
                "secondary_sources": [dict(s) for s in project.get("secondary_sources", [])],
                "environment_variables": sorted((v["name"], v["type"]) for v in variables),
                "cloudwatch_logs": project.get("cloudwatch_logs", True),
                "s3_logs": project.get("s3_logs"),
                "s3_logs_encrypted": project.get("s3_logs_encrypted", True)
                if project.get("s3_logs")
                else None,
            }
        )
        seeder.plant(
            project.get("planted"), account_id, region, project["name"], "codebuild_project"
        )
