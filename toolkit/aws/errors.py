"""Turn botocore and aiohttp exceptions into an AWS error code and a message."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ProfileNotFound,
    ReadTimeoutError,
)

from ..errors import CredentialsError, EndpointError, ToolkitError, UsageError

#: Codes AWS uses for "this caller may not do that".
ACCESS_DENIED_CODES = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "AuthorizationError",
        "AuthFailure",
    }
)
#: Codes that mean the caller's own credentials are wrong, not a missing permission.
BAD_CREDENTIAL_CODES = frozenset(
    {
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "ExpiredToken",
        "ExpiredTokenException",
        "UnrecognizedClientException",
        "InvalidAccessKeyId",
        "InvalidToken",
    }
)


def error_code(exc: BaseException) -> str:
    """The AWS error code of a ClientError, else the exception's class name."""
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code") or "ClientError")
    return type(exc).__name__


def error_message(exc: BaseException) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Message") or exc)
    return str(exc) or type(exc).__name__


def is_connection_error(exc: BaseException) -> bool:
    return isinstance(exc, EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError) or (
        type(exc).__module__.startswith("aiohttp") and "Connect" in type(exc).__name__
    )


def identity_error(exc: BaseException, endpoint_url: str | None) -> ToolkitError:
    """The one sentence to show when the caller's own identity cannot be established."""
    where = endpoint_url or "AWS"
    if isinstance(exc, ToolkitError):
        return exc
    if isinstance(exc, ProfileNotFound):
        return UsageError(
            f"{exc}; name a profile from ~/.aws/config with --profile, or run 'aws configure'."
        )
    if isinstance(exc, NoCredentialsError):
        return CredentialsError(
            "No AWS credentials were found; pass --profile, or set AWS_PROFILE or "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        )
    if is_connection_error(exc):
        return EndpointError(
            f"Cannot reach the AWS endpoint {where}; check --endpoint-url and that the "
            "endpoint is running and reachable."
        )
    code = error_code(exc)
    if code in BAD_CREDENTIAL_CODES:
        return CredentialsError(
            f"The AWS credentials were rejected by {where} ({code}: {error_message(exc)}); "
            "refresh them or pick another --profile."
        )
    if isinstance(exc, ClientError | BotoCoreError):
        return CredentialsError(
            f"Could not establish the caller's identity at {where} ({code}: "
            f"{error_message(exc)}); check the credentials and the endpoint."
        )
    return EndpointError(
        f"Unexpected answer from {where} while checking the caller's identity "
        f"({code}: {error_message(exc)}); check --endpoint-url."
    )
