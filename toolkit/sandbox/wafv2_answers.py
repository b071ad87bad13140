"""AWS WAF's ListResourcesForWebACL, which moto does not answer (it raises "not implemented"),
answered by the sandbox from what moto keeps: each web ACL's associated resources
(AssociateWebACL). Registered in ``security_services.ANSWERS``, which the middleware consults
before moto.

As AWS does: only REGIONAL web ACLs (a CloudFront web ACL's distributions are found with
CloudFront's ListDistributionsByWebACLId instead); ``ResourceType`` defaults to
APPLICATION_LOAD_BALANCER, and the answer holds only the resources of that type; an unknown web
ACL is WAFNonexistentItemException.
"""

from __future__ import annotations

import json
from typing import Any

from .protocols import RequestInfo, error_response

Answer = tuple[int, list[tuple[str, str]], bytes]
DEFAULT_TYPE = "APPLICATION_LOAD_BALANCER"
#: How each ResourceType's ARNs read (after ``arn:aws:``).
ARN_MARKS = {
    "APPLICATION_LOAD_BALANCER": ":loadbalancer/app/",
    "API_GATEWAY": "apigateway:",
    "APPSYNC": "appsync:",
    "COGNITO_USER_POOL": "cognito-idp:",
    "APP_RUNNER_SERVICE": "apprunner:",
    "VERIFIED_ACCESS_INSTANCE": ":verified-access-instance/",
    "AMPLIFY": "amplify:",
}
NOT_FOUND = "AWS WAF couldn't perform the operation because your resource doesn't exist."


def list_resources(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    from moto.wafv2.models import wafv2_backends

    arn = str(params.get("WebACLArn", ""))
    web_acl = wafv2_backends[account][info.region].wacls.get(arn)
    if web_acl is None:
        return error_response(info, "WAFNonexistentItemException", 400, NOT_FOUND)
    mark = ARN_MARKS.get(str(params.get("ResourceType") or DEFAULT_TYPE), "\0")
    resources = [r for r in web_acl.associated_resources if mark in r]
    body = json.dumps({"ResourceArns": resources}).encode()
    return 200, [("Content-Type", "application/x-amz-json-1.1")], body


ANSWERS = {"wafv2.ListResourcesForWebACL": list_resources}
