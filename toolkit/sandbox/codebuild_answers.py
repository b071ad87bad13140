"""CodeBuild settings moto drops at creation, kept as AWS keeps them. Registered in
``security_services.AFTER``: it runs after moto's successful answer, with the request's
parameters, and completes moto's own record of the project (so a saved estate keeps it):

- CreateProject: moto ignores ``secondarySources``, so BatchGetProjects answered none; the
  project keeps the ones asked for, as AWS returns them.
"""

from __future__ import annotations

from typing import Any

from .protocols import RequestInfo


def project_created(info: RequestInfo, account: str, params: dict[str, Any], body: bytes) -> bytes:
    from moto.codebuild.models import codebuild_backends

    project = codebuild_backends[account][info.region].codebuild_projects.get(
        str(params.get("name", ""))
    )
    secondary = params.get("secondarySources")
    if project is not None and secondary:
        project.project_metadata["secondarySources"] = list(secondary)
    return body


AFTER = {"codebuild.CreateProject": project_created}
