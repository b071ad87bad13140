from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import variables

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The environment variables FSBP CodeBuild.2 looks for.
AWS_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")


def _plaintext_keys(cell: object) -> str:
    return ", ".join(
        sorted(
            v["name"]
            for v in variables(cell)
            if v.get("name") in AWS_KEYS and v.get("type", "PLAINTEXT") == "PLAINTEXT"
        )
    )


@check(
    title="CodeBuild project has AWS credentials in plain-text environment variables",
    severity="critical",
    service="codebuild",
    resource_type="AWS::CodeBuild::Project",
    tables=["codebuild.projects"],
    description="The project's environment has AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY as a "
    "PLAINTEXT environment variable. FSBP CodeBuild.2 fails a project whose environment "
    "variables hold these credentials in clear text (AWS Config rule "
    "codebuild-project-envvar-awscred-check; no parameters); the same names from Parameter "
    "Store or Secrets Manager pass.",
    risk="The access key is readable by anyone who can read the project's configuration, and "
    "long-lived keys in a build outlive the people and purposes they were made for.",
    remediation="Remove the keys from the project and deactivate them; let builds use the "
    "project's service role, or read a secret from Secrets Manager or Parameter Store "
    "(environment variable types SECRETS_MANAGER and PARAMETER_STORE).",
    remediation_cli="aws codebuild update-project --region {region} --name {resource_id} "
    "--environment file://environment-without-keys.json",
)
def codebuild_project_plaintext_aws_credentials(inv: Inventory) -> pd.DataFrame:
    p = inv["codebuild.projects"]
    keys = p["environment_variables"].map(_plaintext_keys).astype("string").fillna("")
    failed = keys != ""
    detail = pd.Series(
        "no AWS keys in plain-text environment variables", index=p.index, dtype="string"
    ).where(~failed, "plain-text environment variable(s) " + keys)
    return evaluate(p, failed, p["name"], detail, p["arn"])
