"""The sandbox keeps connections open between requests, as AWS does, and a body the server did
not read never spills into the next request."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

from toolkit.sandbox import Sandbox

STS = "Action=GetCallerIdentity&Version=2011-06-15"
HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20261130/us-east-1/sts/aws4_request, "
    "SignedHeaders=host, Signature=0",
}


def _connection(sandbox: Sandbox) -> http.client.HTTPConnection:
    parts = urlsplit(sandbox.endpoint_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def test_calls_share_one_connection(sandbox: Sandbox) -> None:
    connection = _connection(sandbox)
    sockets = []
    for _ in range(3):
        connection.request("POST", "/", body=STS, headers=HEADERS)
        response = connection.getresponse()
        assert response.status == 200 and b"GetCallerIdentityResult" in response.read()
        assert response.getheader("Connection", "").lower() != "close"
        sockets.append(connection.sock)
    assert sockets[0] is not None and all(s is sockets[0] for s in sockets)
    connection.close()


def test_unread_body_does_not_reach_the_next_request(sandbox: Sandbox) -> None:
    connection = _connection(sandbox)
    # a route no service answers: the body is left unread by the application
    connection.request("PUT", "/_sandbox/none", body=b"x" * 100_000, headers=HEADERS)
    connection.getresponse().read()
    first = connection.sock
    connection.request("POST", "/", body=STS, headers=HEADERS)
    response = connection.getresponse()
    assert response.status == 200 and b"GetCallerIdentityResult" in response.read()
    assert connection.sock is first
    connection.close()


def test_connection_close_is_honoured(sandbox: Sandbox) -> None:
    connection = _connection(sandbox)
    connection.request("POST", "/", body=STS, headers={**HEADERS, "Connection": "close"})
    response = connection.getresponse()
    response.read()
    assert response.getheader("Connection", "").lower() == "close"
    connection.close()
