"""moto's API Gateway REST API stages completed where AWS says more, patched into moto's model
in the server process (``install``, called beside ``moto_speedups.install``):

- a stage's client certificate: AWS keeps the ``clientCertificateId`` an UpdateStage
  (``replace /clientCertificateId``) sets and answers it in GetStage and GetStages; moto drops
  the operation and never answers one.

moto has no client certificates at all (GenerateClientCertificate is not answered), so the
sandbox does not check that the id names one; the estate's ids are made up. Known and left as
moto answers: a stage's ``createdDate`` and ``lastUpdatedDate`` (moto gives none).
``tests/unit/test_apigateway_answers.py`` fails when moto's names move.
"""

from __future__ import annotations

from typing import Any

CLIENT_CERTIFICATE_PATH = "/clientCertificateId"
_installed: list[bool] = []


def install() -> None:
    """Patch moto's API Gateway stage in this process (once)."""
    if _installed:
        return
    from moto.apigateway import models

    apply_operations = models.Stage.apply_operations
    to_json = models.Stage.to_json

    def operations(self: Any, patch_operations: list[dict[str, Any]]) -> Any:
        rest = []
        for op in patch_operations:
            if op.get("path") == CLIENT_CERTIFICATE_PATH:
                self.client_certificate_id = op.get("value") if op["op"] == "replace" else None
            else:
                rest.append(op)
        return apply_operations(self, rest)

    def answer(self: Any) -> dict[str, Any]:
        stage = to_json(self)
        certificate = getattr(self, "client_certificate_id", None)
        if certificate:
            stage["clientCertificateId"] = certificate
        return stage

    models.Stage.apply_operations = operations  # type: ignore[method-assign]
    models.Stage.to_json = answer  # type: ignore[method-assign]
    _installed.append(True)
