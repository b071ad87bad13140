from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import sources

if TYPE_CHECKING:
    from ...inventory import Inventory

BITBUCKET = "BITBUCKET"


def _leaking(cell: object) -> str:
    """The identifiers of the Bitbucket sources whose URL carries credentials, or ""."""
    return ", ".join(
        s["identifier"]
        for s in sources(cell)
        if s.get("type") == BITBUCKET and s.get("credentials_in_url")
    )


@check(
    title="CodeBuild project has credentials in a Bitbucket source URL",
    severity="critical",
    service="codebuild",
    resource_type="AWS::CodeBuild::Project",
    tables=["codebuild.projects"],
    description="A Bitbucket source of the project, primary or secondary, has a URL that carries "
    "a password or personal access token (https://user:secret@bitbucket.org/...). FSBP "
    "CodeBuild.1 fails this for the primary and secondary sources (AWS Config rule "
    "codebuild-project-source-repo-url-check; no parameters); a user name alone is no "
    "credential and passes.",
    risk="Anyone who can read the project's configuration (the console, BatchGetProjects, build "
    "logs) gets the repository's credentials and can read or push its code.",
    remediation="Connect CodeBuild to Bitbucket with OAuth or an AWS CodeConnections connection "
    "(or a source credential stored by CodeBuild), remove the credentials from the URL, and "
    "revoke the password or token that was in it.",
    remediation_cli="aws codebuild update-project --region {region} --name {resource_id} "
    "--source type=BITBUCKET,location=https://bitbucket.org/WORKSPACE/REPO.git",
)
def codebuild_project_source_url_credentials(inv: Inventory) -> pd.DataFrame:
    p = inv["codebuild.projects"]
    leaking = p["sources"].map(_leaking).astype("string").fillna("")
    failed = leaking != ""
    detail = pd.Series(
        "no credentials in a Bitbucket source URL", index=p.index, dtype="string"
    ).where(~failed, "credentials in the URL of Bitbucket source(s) " + leaking)
    return evaluate(p, failed, p["name"], detail, p["arn"])
