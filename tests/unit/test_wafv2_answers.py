"""The sandbox's ListResourcesForWebACL answers from what moto keeps, as AWS does: the
resources of the asked type (load balancers by default), or WAFNonexistentItemException."""

from __future__ import annotations

import json

from toolkit.sandbox import wafv2_answers
from toolkit.sandbox.protocols import RequestInfo

ACCOUNT = "111111111111"
REGION = "eu-west-1"


def _info() -> RequestInfo:
    return RequestInfo(
        service="wafv2",
        operation="ListResourcesForWebACL",
        protocol="json",
        access_key="AKIA",
        region=REGION,
        params={},
        path="/",
        signing_name="wafv2",
    )


def test_resources_of_the_asked_type_or_not_found() -> None:
    from moto.wafv2.models import wafv2_backends

    backend = wafv2_backends[ACCOUNT][REGION]
    acl = backend.create_web_acl(
        name="answers-test",
        visibility_config={
            "SampledRequestsEnabled": True,
            "CloudWatchMetricsEnabled": True,
            "MetricName": "m",
        },
        default_action={"Allow": {}},
        scope="REGIONAL",
        description=None,
        tags=[],
        rules=[],
        association_config=None,
        captcha_config=None,
        challenge_config=None,
        custom_response_bodies=None,
        token_domains=None,
    )
    stage = f"arn:aws:apigateway:{REGION}::/restapis/abc/stages/prod"
    balancer = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/web/1"
    acl.associated_resources.extend([stage, balancer])
    try:
        status, _, body = wafv2_answers.list_resources(
            _info(), ACCOUNT, {"WebACLArn": acl.arn, "ResourceType": "API_GATEWAY"}
        )
        assert (status, json.loads(body)) == (200, {"ResourceArns": [stage]})
        _, _, body = wafv2_answers.list_resources(_info(), ACCOUNT, {"WebACLArn": acl.arn})
        assert json.loads(body) == {"ResourceArns": [balancer]}
        status, _, body = wafv2_answers.list_resources(_info(), ACCOUNT, {"WebACLArn": "arn:x"})
        assert status == 400 and b"WAFNonexistentItemException" in body
    finally:
        backend.wacls.pop(acl.arn, None)
