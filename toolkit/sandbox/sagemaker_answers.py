"""SageMaker settings moto drops at creation, kept as AWS keeps them. Registered in
``security_services.AFTER``: each runs after moto's successful answer, with the request's
parameters, and completes moto's own record (so a saved estate keeps it):

- CreateModel: moto ignores ``EnableNetworkIsolation`` (DescribeModel always says false); the
  model keeps what was asked;
- CreateNotebookInstance: without ``RootAccess``, AWS gives the notebook instance root access
  ("Enabled", the default), and DescribeNotebookInstance says so; moto leaves it out.
"""

from __future__ import annotations

import json
from typing import Any

from .protocols import RequestInfo


def _backend(info: RequestInfo, account: str) -> Any:
    from moto.sagemaker.models import sagemaker_backends

    return sagemaker_backends[account][info.region]


def model_created(info: RequestInfo, account: str, params: dict[str, Any], body: bytes) -> bytes:
    name = str(params.get("ModelName", ""))
    model = _backend(info, account)._models.get(name)
    if model is not None:
        model.enable_network_isolation = bool(params.get("EnableNetworkIsolation"))
    return body


def notebook_created(info: RequestInfo, account: str, params: dict[str, Any], body: bytes) -> bytes:
    arn = str(json.loads(body or b"{}").get("NotebookInstanceArn", ""))
    name = arn.rsplit("/", 1)[-1]
    notebook = _backend(info, account).notebook_instances.get(name)
    if notebook is not None and notebook.root_access is None:
        notebook.root_access = "Enabled"
    return body


AFTER = {
    "sagemaker.CreateModel": model_created,
    "sagemaker.CreateNotebookInstance": notebook_created,
}
