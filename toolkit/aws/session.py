"""One collection run's connection to AWS.

Holds one aioboto3 session per credential set (the caller's, then one per assumed account),
one client per (service, account, region) for the whole run, the AssumeRole cache, the global
and per-service concurrency limits, and the API call counters. Retries are botocore's own
``standard`` mode; paging is botocore's paginators. Build it inside the event loop that uses
it: clients are bound to their loop.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from ..errors import CredentialsError, UsageError
from ..scope import Scope
from .endpoints import adapt_client
from .errors import error_code, identity_error

GLOBAL_REGION = "global"
#: Services whose APIs AWS rate-limits hard per account: fewer requests in flight.
DEFAULT_SERVICE_CONCURRENCY = {
    "organizations": 4,
    "sso-admin": 8,
    "identitystore": 8,
    "iam": 8,
    "sts": 8,
    "lambda": 8,
}
#: What an emulated endpoint gets when the environment holds no credentials at all.
SANDBOX_CREDENTIALS = ("testing", "testing")

current_table: contextvars.ContextVar[str] = contextvars.ContextVar("current_table", default="")


class CallStats:
    """API calls per operation and per table, and HTTP attempts (calls plus retries)."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.attempts: Counter[str] = Counter()
        self.table_calls: Counter[str] = Counter()

    def on_before_call(self, model: Any, **_: Any) -> None:
        name = f"{model.service_model.service_name}.{model.name}"
        self.calls[name] += 1
        table = current_table.get()
        if table:
            self.table_calls[table] += 1

    def on_before_send(self, request: Any = None, **kwargs: Any) -> None:
        event = kwargs.get("event_name", "")
        self.attempts[event.removeprefix("before-send.")] += 1

    @property
    def retries(self) -> int:
        return max(0, sum(self.attempts.values()) - sum(self.calls.values()))

    def as_meta(self) -> dict[str, Any]:
        return {
            "api_calls": dict(sorted(self.calls.items())),
            "api_calls_total": sum(self.calls.values()),
            "api_calls_by_table": dict(sorted(self.table_calls.items())),
            "http_attempts_total": sum(self.attempts.values()),
            "retries": self.retries,
        }


class AwsSession:
    """Clients, credentials and limits for one run; use as ``async with AwsSession(scope)``."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.stats = CallStats()
        self.caller_account: str = ""
        self.caller_arn: str = ""
        self.home_region: str = (scope.regions or ["us-east-1"])[0]
        #: The run's accounts and regions, once the engine has resolved them.
        self.accounts: list[str] = []
        self.regions: list[str] = []
        self._stack = AsyncExitStack()
        self._base: Any = None
        self._clients: dict[tuple[str, str, str], asyncio.Future[Any]] = {}
        self._sessions: dict[str, asyncio.Future[Any]] = {}
        self._memo: dict[Any, asyncio.Future[Any]] = {}
        self._global_limit = asyncio.Semaphore(scope.max_concurrency)
        limits = {**DEFAULT_SERVICE_CONCURRENCY, **scope.service_concurrency}
        self._service_limits = {
            name: asyncio.Semaphore(min(n, scope.max_concurrency)) for name, n in limits.items()
        }

    # -- lifecycle -------------------------------------------------------------------------
    async def __aenter__(self) -> AwsSession:
        await self._stack.__aenter__()
        try:
            await self._establish_identity()
        except BaseException:
            await self._stack.aclose()
            raise
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self._stack.__aexit__(*exc_info)

    async def _establish_identity(self) -> None:
        """Find who the caller is; any failure here stops the run with one clear sentence."""
        import aioboto3
        import botocore.session

        scope = self.scope
        try:
            if scope.profile and scope.profile not in botocore.session.Session().available_profiles:
                raise UsageError(
                    f"The AWS profile {scope.profile!r} does not exist; name one from "
                    "~/.aws/config with --profile, or run 'aws configure --profile NAME'."
                )
            creds = scope.credentials
            self._base = aioboto3.Session(
                profile_name=scope.profile,
                **(_credential_kwargs(creds) if creds else {}),
            )
            if not creds and await self._base._session.get_credentials() is None:
                if not scope.endpoint_url:
                    raise CredentialsError(
                        "No AWS credentials were found; pass --profile, or set AWS_PROFILE or "
                        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
                    )
                # An emulated endpoint accepts any key; do not make users invent one.
                self._base = aioboto3.Session(**_credential_kwargs(SANDBOX_CREDENTIALS))
            if not scope.regions and self._base.region_name:
                self.home_region = self._base.region_name
            sts = await self.client("sts", "", self.home_region, attempts=2)
            identity = await sts.get_caller_identity()
        except Exception as exc:  # every failure here is the caller's identity failing
            raise identity_error(exc, scope.endpoint_url) from None
        self.caller_account = identity["Account"]
        self.caller_arn = identity["Arn"]
        # The caller's own session serves its account.
        self._sessions[self.caller_account] = _done(self._base)

    # -- clients ---------------------------------------------------------------------------
    async def client(self, service: str, account_id: str, region: str, *, attempts: int = 5) -> Any:
        """The run's one client for (service, account, region), created on first use."""
        region = self.home_region if region == GLOBAL_REGION else region
        account_id = account_id or self.caller_account
        key = (service, account_id, region)
        future = self._clients.get(key)
        if future is None:
            future = asyncio.ensure_future(self._new_client(service, account_id, region, attempts))
            self._clients[key] = future
        return await future

    async def _new_client(self, service: str, account_id: str, region: str, attempts: int) -> Any:
        from botocore.config import Config

        session = self._base if not account_id else await self.session_for(account_id)
        extra: dict[str, Any] = {}
        if self.scope.endpoint_url:
            # Emulated endpoints live at one host: no bucket or account host prefixes.
            extra = {"s3": {"addressing_style": "path"}, "inject_host_prefix": False}
        config = Config(
            retries={"mode": "standard", "total_max_attempts": attempts},
            max_pool_connections=self.scope.max_concurrency,
            connect_timeout=5,
            read_timeout=30,
            user_agent_extra="aws-estate-toolkit",
            **extra,
        )
        client = await self._stack.enter_async_context(
            session.client(
                service, region_name=region, endpoint_url=self.scope.endpoint_url, config=config
            )
        )
        if self.scope.endpoint_url:
            adapt_client(client)
        client.meta.events.register("before-call", self.stats.on_before_call)
        client.meta.events.register("before-send", self.stats.on_before_send)
        return client

    async def session_for(self, account_id: str) -> Any:
        """The caller's session for its own account, else one AssumeRole, cached for the run.

        A failed AssumeRole is cached too, so an account that cannot be entered costs one call.
        """
        future = self._sessions.get(account_id)
        if future is None:
            future = asyncio.ensure_future(self._assume(account_id))
            self._sessions[account_id] = future
        return await future

    async def _assume(self, account_id: str) -> Any:
        import aioboto3

        sts = await self.client("sts", self.caller_account, self.home_region)
        role_arn = f"arn:aws:iam::{account_id}:role/{self.scope.role_name}"
        response = await self.call(
            sts, "assume_role", RoleArn=role_arn, RoleSessionName="aws-estate-toolkit"
        )
        creds = response["Credentials"]
        return aioboto3.Session(
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
            region_name=self.home_region,
        )

    # -- calls -----------------------------------------------------------------------------
    @asynccontextmanager
    async def _limits(self, client: Any) -> AsyncIterator[None]:
        service_limit = self._service_limits.get(client.meta.service_model.service_name)
        async with self._global_limit:
            if service_limit is None:
                yield
            else:
                async with service_limit:
                    yield

    async def call(self, client: Any, operation: str, **params: Any) -> dict[str, Any]:
        """One API call within the concurrency limits."""
        async with self._limits(client):
            return await getattr(client, operation)(**params)

    async def call_or(
        self,
        client: Any,
        operation: str,
        default: Any,
        codes: Iterable[str],
        **params: Any,
    ) -> Any:
        """A call whose listed error codes mean "not configured": ``default`` instead."""
        try:
            return await self.call(client, operation, **params)
        except Exception as exc:
            if error_code(exc) in set(codes):
                return default
            raise

    async def pages(self, client: Any, operation: str, **params: Any) -> AsyncIterator[dict]:
        """Every page of a paginated operation; each page request within the limits."""
        iterator = client.get_paginator(operation).paginate(**params).__aiter__()
        while True:
            async with self._limits(client):
                try:
                    page = await iterator.__anext__()
                except StopAsyncIteration:
                    return
            yield page

    async def items(self, client: Any, operation: str, key: str, **params: Any) -> list[Any]:
        """All items under ``key`` across the pages of an operation."""
        found: list[Any] = []
        async for page in self.pages(client, operation, **params):
            found.extend(page.get(key) or [])
        return found

    async def memo(self, key: Any, factory: Callable[[], Awaitable[Any]]) -> Any:
        """Run ``factory`` once per run for ``key``: work that several tables share."""
        future = self._memo.get(key)
        if future is None:
            future = asyncio.ensure_future(factory())
            self._memo[key] = future
        return await asyncio.shield(future)


def _credential_kwargs(creds: Iterable[str]) -> dict[str, str | None]:
    values = list(creds) + [None, None, None]
    return {
        "aws_access_key_id": values[0],
        "aws_secret_access_key": values[1],
        "aws_session_token": values[2],
    }


def _done(value: Any) -> asyncio.Future[Any]:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    future.set_result(value)
    return future
