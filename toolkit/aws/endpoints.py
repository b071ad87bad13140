"""Fixes for AWS-compatible endpoints that live at one host (the sandbox, LocalStack).

S3 Control's endpoint rules put the account id in front of the host
(``123456789012.127.0.0.1``), which no loopback endpoint can answer; against a custom endpoint
the account id travels in the ``x-amz-account-id`` header anyway, so the prefix is dropped
before the request is signed.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

_ACCOUNT_PREFIX = re.compile(r"^\d{12}\.")


def strip_account_host_prefix(request: Any, **_: Any) -> None:
    parts = urlsplit(request.url)
    netloc = _ACCOUNT_PREFIX.sub("", parts.netloc)
    if netloc != parts.netloc:
        request.url = urlunsplit(parts._replace(netloc=netloc))


def adapt_client(client: Any) -> Any:
    """Make a boto3/aioboto3 client work against a single-host endpoint; returns the client."""
    if client.meta.service_model.service_name == "s3control":
        client.meta.events.register("before-sign.s3-control", strip_account_host_prefix)
    return client
