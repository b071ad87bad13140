"""The sandbox's API Gateway patch still meets the moto it patches: a stage keeps the client
certificate an UpdateStage sets, answers it, and still applies moto's own operations."""

from __future__ import annotations

from toolkit.sandbox import apigateway_answers


def test_a_stage_keeps_and_answers_its_client_certificate() -> None:
    from moto.apigateway import models

    apigateway_answers.install()
    apigateway_answers.install()  # once is enough; twice changes nothing
    stage = models.Stage(name="prod", deployment_id="d1", tracing_enabled=False)
    assert "clientCertificateId" not in stage.to_json()
    stage.apply_operations(
        [
            {"op": "replace", "path": "/clientCertificateId", "value": "cert1"},
            {"op": "replace", "path": "/tracingEnabled", "value": "true"},
        ]
    )
    answer = stage.to_json()
    assert answer["clientCertificateId"] == "cert1"
    assert answer["tracingEnabled"] is True  # moto's own operation still applied
    stage.apply_operations([{"op": "remove", "path": "/clientCertificateId"}])
    assert "clientCertificateId" not in stage.to_json()
