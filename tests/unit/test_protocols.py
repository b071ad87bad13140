"""The sandbox reads operations off the wire as botocore sends them."""

from __future__ import annotations

import pytest

from toolkit.sandbox import protocols


def environ(path: str, query: str = "", method: str = "GET", signing: str = "s3", **extra) -> dict:
    return {
        "HTTP_AUTHORIZATION": f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/{signing}/aws4_request, SignedHeaders=host",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REQUEST_METHOD": method,
        **extra,
    }


@pytest.mark.parametrize(
    "path, query, method, operation",
    [
        ("/", "", "GET", "ListBuckets"),
        ("/bucket", "policyStatus", "GET", "GetBucketPolicyStatus"),
        ("/bucket", "acl", "GET", "GetBucketAcl"),
        ("/bucket", "acl", "PUT", "PutBucketAcl"),
        ("/bucket", "", "GET", "ListObjects"),
        ("/bucket", "list-type=2", "GET", "ListObjectsV2"),
        ("/bucket/some/key.txt", "", "GET", "GetObject"),
        ("/bucket", "", "PUT", "CreateBucket"),
    ],
)
def test_s3_operations(path, query, method, operation) -> None:
    info = protocols.parse(environ(path, query, method), b"")
    assert (info.service, info.operation, info.protocol) == ("s3", operation, "rest-xml")


def test_query_json_and_control() -> None:
    body = (
        b"Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FX&Version=2011-06-15"
    )
    info = protocols.parse(
        environ(
            "/", method="POST", signing="sts", CONTENT_TYPE="application/x-www-form-urlencoded"
        ),
        body,
    )
    assert info.name == "sts.AssumeRole" and info.params["RoleArn"].endswith(":role/X")
    info = protocols.parse(
        environ(
            "/", method="POST", signing="sso", HTTP_X_AMZ_TARGET="SWBExternalService.ListInstances"
        ),
        b"{}",
    )
    assert info.name == "sso-admin.ListInstances" and info.protocol == "json"
    control = protocols.parse(environ("/v20180820/configuration/publicAccessBlock"), b"")
    assert control.name == "s3control.GetPublicAccessBlock" and control.signing_name == "s3"
    assert protocols.parse({"PATH_INFO": "/moto-api/"}, b"") is None


def test_error_shapes_parse_as_botocore_expects() -> None:
    from botocore.parsers import create_parser

    for service, protocol, code in [
        ("s3", "rest-xml", "SlowDown"),
        ("ec2", "ec2", "RequestLimitExceeded"),
        ("iam", "query", "Throttling"),
        ("organizations", "json", "ThrottlingException"),
        ("lambda", "rest-json", "TooManyRequestsException"),
    ]:
        info = protocols.RequestInfo(service, "X", protocol, "AKID", "us-east-1", {}, "/", service)
        status, headers, body = protocols.error_response(info, code, 400, "Rate exceeded")
        parsed = create_parser(protocol).parse(
            {"status_code": status, "headers": dict(headers), "body": body}, None
        )
        assert parsed["Error"]["Code"] == code, protocol


@pytest.mark.parametrize(
    "path, name",
    [
        ("/restapis", "apigateway.GetRestApis"),
        ("/restapis/abc123/stages", "apigateway.GetStages"),
        ("/v2/apis", "apigatewayv2.GetApis"),
        ("/v2/apis/abc123/stages", "apigatewayv2.GetStages"),
    ],
)
def test_api_gateway_v1_and_v2_sign_alike_and_are_told_apart_by_path(path, name) -> None:
    info = protocols.parse(environ(path, signing="apigateway"), b"")
    assert info.name == name
    assert info.protocol == "rest-json"


@pytest.mark.parametrize(
    "path, method, name",
    [
        ("/2021-01-01/domain", "GET", "opensearch.ListDomainNames"),
        ("/2021-01-01/opensearch/domain-info", "POST", "opensearch.DescribeDomains"),
        ("/2021-01-01/opensearch/domain/search", "GET", "opensearch.DescribeDomain"),
        ("/2015-01-01/domain", "GET", "es.ListDomainNames"),
    ],
)
def test_opensearch_and_elasticsearch_sign_alike_and_differ_by_path(path, method, name) -> None:
    info = protocols.parse(environ(path, method=method, signing="es"), b"")
    assert (info.name, info.protocol, info.signing_name) == (name, "rest-json", "es")
