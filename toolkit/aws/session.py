"""One collection run's connection to AWS.

Holds one aioboto3 session per credential set (the caller's, then one per assumed account),
one client per (service, account, region) for the whole run, the AssumeRole cache, the global
and per-service concurrency limits, the circuit breaker (``breaker.py``) and the API call
counters. Retries are botocore's own ``standard`` mode; paging is botocore's paginators.
Assumed-role credentials are botocore's refreshable credentials (aiobotocore's
``AioRefreshableCredentials``), renewed by AssumeRole before they expire, so a run longer than
the role's session does not fail half-way. Build it inside the event loop that uses it: clients
are bound to their loop.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from botocore.retries.standard import ThrottledRetryableChecker

from ..errors import CredentialsError, UsageError
from ..scope import Scope
from . import user_agent  # noqa: F401  (the header's parts cleaned once each)
from .breaker import Broken, CircuitBreaker
from .connections import SharedPool, pooled_session_class
from .endpoints import adapt_client
from .errors import error_code, error_message, identity_error
from .shared_models import share_models

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
#: IAM actions a run makes itself, beside its tables' own (``Table.calls``): who the caller
#: is, the organization's accounts, the enabled regions, and entering each member account.
RUN_CALLS = (
    "sts:GetCallerIdentity",
    "organizations:ListAccounts",
    "ec2:DescribeRegions",
    "sts:AssumeRole",
)
ROLE_SESSION_NAME = "aws-estate-toolkit"

#: botocore's own list of throttling codes (its standard retry mode retries these).
THROTTLED_CODES = frozenset(ThrottledRetryableChecker._THROTTLED_ERROR_CODES)

current_table: contextvars.ContextVar[str] = contextvars.ContextVar("current_table", default="")


class CallStats:
    """API calls per operation, per table and per region (global services count in the region
    their endpoint is in), and HTTP attempts (calls plus retries)."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.attempts: Counter[str] = Counter()
        self.table_calls: Counter[str] = Counter()
        self.region_calls: Counter[str] = Counter()

    def on_before_call(self, model: Any, request_signer: Any = None, **_: Any) -> None:
        name = f"{model.service_model.service_name}.{model.name}"
        self.calls[name] += 1
        if request_signer is not None:
            self.region_calls[request_signer.region_name or ""] += 1
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
            "api_calls_by_region": dict(sorted(self.region_calls.items())),
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
        #: Each account's clients, closed together when the account is released or at the end.
        self._account_stacks: dict[str, AsyncExitStack] = {}
        self._pool = SharedPool()
        self._http_session_class = pooled_session_class(self._pool)
        self._closed = False
        self._base: Any = None
        self._clients: dict[tuple[str, str, str], asyncio.Future[Any]] = {}
        self._sessions: dict[str, asyncio.Future[Any]] = {}
        self._memo: dict[Any, asyncio.Future[Any]] = {}
        #: (service, account, region) of each client, by id: what the breaker guards.
        self._where: dict[int, tuple[str, str, str]] = {}
        self._probe_client: asyncio.Future[Any] | None = None
        self.breaker = CircuitBreaker(self.home_region, self._probe)
        self._global_limit = asyncio.Semaphore(scope.max_concurrency)
        limits = {**DEFAULT_SERVICE_CONCURRENCY, **scope.service_concurrency}
        self._service_limits = {
            name: asyncio.Semaphore(min(n, scope.max_concurrency)) for name, n in limits.items()
        }

    def run_meta(self) -> dict[str, Any]:
        """Call counters, retries and the circuit breaker's trips, for ``inv.meta``."""
        return {
            **self.stats.as_meta(),
            "breakers_tripped": sorted(":".join(key) for key in self.breaker.tripped),
            "short_circuited_calls": self.breaker.short_circuited,
        }

    # -- lifecycle -------------------------------------------------------------------------
    async def __aenter__(self) -> AwsSession:
        await self._stack.__aenter__()
        self._stack.push_async_callback(self._pool.close)  # last: after every client closed
        self._stack.push_async_callback(self._close_accounts)
        try:
            await self._establish_identity()
        except BaseException:
            await self._stack.aclose()
            raise
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        # Work still pending belongs to tables already done (a sibling's failure ended them):
        # stop it before the clients close, so no client is opened after and left unclosed.
        self._closed = True
        pending = [
            future
            for futures in (self._clients, self._sessions, self._memo)
            for future in futures.values()
            if not future.done()
        ]
        if self._probe_client is not None and not self._probe_client.done():
            pending.append(self._probe_client)
        for future in pending:
            future.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
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
            share_models(self._base)
            if not scope.regions and self._base.region_name:
                self.home_region = self._base.region_name
                self.breaker.home_region = self.home_region
            # Two attempts, so a wrong endpoint fails within seconds; a throttled answer
            # proves the endpoint is there, so it is asked again (botocore backs off each time).
            sts = await self.client(
                "sts", "", self.home_region, attempts=min(2, scope.max_attempts)
            )
            for tries_left in range(max(scope.max_attempts, 2), 0, -1):
                try:
                    identity = await sts.get_caller_identity()
                    break
                except Exception as exc:
                    if tries_left == 1 or error_code(exc) not in THROTTLED_CODES:
                        raise
                    # one logical call, asked again: its attempts count as retries, as botocore's
                    self.stats.calls["sts.GetCallerIdentity"] -= 1
        except Exception as exc:  # every failure here is the caller's identity failing
            raise identity_error(exc, scope.endpoint_url) from None
        self.caller_account = identity["Account"]
        self.caller_arn = identity["Arn"]
        # The caller's own session serves its account.
        self._sessions[self.caller_account] = _done(self._base)

    # -- clients ---------------------------------------------------------------------------
    async def client(
        self, service: str, account_id: str, region: str, *, attempts: int | None = None
    ) -> Any:
        """The run's one client for (service, account, region), created on first use; its
        calls make ``attempts`` (default: the scope's ``max_attempts``) at most."""
        region = self.home_region if region == GLOBAL_REGION else region
        account_id = account_id or self.caller_account
        key = (service, account_id, region)
        future = self._clients.get(key)
        if future is None:
            if self._closed:
                raise RuntimeError("this collection run is over; its clients are closed")
            future = asyncio.ensure_future(
                self._new_client(service, account_id, region, attempts or self.scope.max_attempts)
            )
            self._clients[key] = future
        return await future

    async def _new_client(self, service: str, account_id: str, region: str, attempts: int) -> Any:
        from aiobotocore.config import AioConfig

        session = self._base if not account_id else await self.session_for(account_id)
        extra: dict[str, Any] = {}
        if self.scope.endpoint_url:
            # Emulated endpoints live at one host: no bucket or account host prefixes.
            extra = {"s3": {"addressing_style": "path"}, "inject_host_prefix": False}
        config = AioConfig(
            http_session_cls=self._http_session_class,
            retries={"mode": "standard", "total_max_attempts": attempts},
            max_pool_connections=self.scope.max_concurrency,
            connect_timeout=self.scope.connect_timeout,
            read_timeout=self.scope.read_timeout,
            user_agent_extra="aws-estate-toolkit",
            **extra,
        )
        endpoint = self.scope.endpoint_url
        owner = account_id or self.caller_account
        stack = self._account_stacks.setdefault(owner, AsyncExitStack())
        client = await stack.enter_async_context(
            session.client(
                service,
                region_name=region,
                endpoint_url=endpoint,
                config=config,
                # Plain HTTP has no certificate to check: skip loading the CA bundle per client.
                **({"verify": False} if endpoint and endpoint.startswith("http://") else {}),
            )
        )
        if self.scope.endpoint_url:
            adapt_client(client)
        client.meta.events.register("before-call", self.stats.on_before_call)
        client.meta.events.register("before-send", self.stats.on_before_send)
        self._where[id(client)] = (service, account_id or self.caller_account, region)
        return client

    async def release(self, account_id: str) -> None:
        """Close an account's clients and forget its session: the run is done with it (a
        later use makes them again). The caller's own account is never released."""
        if account_id == self.caller_account:
            return
        for key in [key for key in self._clients if key[1] == account_id]:
            future = self._clients.pop(key)
            if future.done() and not future.cancelled() and future.exception() is None:
                self._where.pop(id(future.result()), None)
        self._sessions.pop(account_id, None)
        stack = self._account_stacks.pop(account_id, None)
        if stack is not None:
            await stack.aclose()

    async def _close_accounts(self) -> None:
        stacks, self._account_stacks = list(self._account_stacks.values()), {}
        for stack in stacks:
            await stack.aclose()

    async def session_for(self, account_id: str) -> Any:
        """The caller's session for its own account, else one AssumeRole, cached for the run.

        A failed AssumeRole is cached too, as the account's breaker (``Broken``): an account
        that cannot be entered costs one call, and is named once in ``inv.errors``.
        """
        future = self._sessions.get(account_id)
        if future is None:
            future = asyncio.ensure_future(self._assume(account_id))
            self._sessions[account_id] = future
        return await future

    async def _assume(self, account_id: str) -> Any:
        import aioboto3
        from aiobotocore.credentials import AioCredentialResolver, AioRefreshableCredentials
        from aiobotocore.session import AioSession

        sts = await self.client("sts", self.caller_account, self.home_region)
        role_arn = f"arn:aws:iam::{account_id}:role/{self.scope.role_name}"

        current: dict[str, Any] = {}

        async def fetch(answer: dict[str, Any] | None = None) -> dict[str, Any]:
            if answer is None:
                # Refreshes call STS directly: they happen while a request is being signed,
                # with the concurrency slots of the calls waiting for them already taken.
                try:
                    answer = await sts.assume_role(
                        RoleArn=role_arn, RoleSessionName=ROLE_SESSION_NAME
                    )
                except Exception:
                    left = (current["expiry"] - datetime.now(UTC)).total_seconds()
                    if left > current["mandatory"]:
                        return current["metadata"]  # early refresh failed: try again later
                    raise
            creds = answer["Credentials"]
            current["expiry"] = creds["Expiration"]
            current["metadata"] = {
                "access_key": creds["AccessKeyId"],
                "secret_key": creds["SecretAccessKey"],
                "token": creds["SessionToken"],
                "expiry_time": creds["Expiration"].isoformat(),
            }
            return current["metadata"]

        try:
            first = await self.call(
                sts, "assume_role", RoleArn=role_arn, RoleSessionName=ROLE_SESSION_NAME
            )
        except Broken:
            raise
        except Exception as exc:
            code = error_code(exc)
            raise self.breaker.trip(
                Broken(
                    ("account", account_id),
                    code,
                    f"AssumeRole into {role_arn} failed ({error_message(exc)}); "
                    "nothing was read in this account: check that the role exists there and "
                    "trusts the caller, or pass --role-name.",
                )
            ) from None
        lifetime = (first["Credentials"]["Expiration"] - datetime.now(UTC)).total_seconds()
        # botocore's refresh windows (15 and 10 minutes before expiry, for its default one-hour
        # session) kept in proportion to shorter sessions: a quarter and a sixth.
        current["mandatory"] = max(0.0, min(10 * 60, lifetime / 6))
        credentials = AioRefreshableCredentials.create_from_metadata(
            await fetch(first),
            refresh_using=fetch,
            method="assume-role",
            advisory_timeout=max(0.0, min(15 * 60, lifetime / 4)),
            mandatory_timeout=current["mandatory"],
        )
        core = AioSession()
        if self.scope.profile:  # the profile's other settings (CA bundle, proxy) still apply
            core.set_config_variable("profile", self.scope.profile)
        core.register_component("credential_provider", AioCredentialResolver([_Fixed(credentials)]))
        session = aioboto3.Session(botocore_session=core, region_name=self.home_region)
        # One loader and one client class per service for the process (``shared_models``).
        share_models(session)
        return session

    async def _probe(self) -> Any:
        """GetCallerIdentity once, with no retry: does the identity endpoint still answer?"""
        if self._probe_client is None:
            self._probe_client = asyncio.ensure_future(
                self._new_client("sts", "", self.home_region, attempts=1)
            )
        client = await self._probe_client
        return await client.get_caller_identity()

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

    def _guard(self, client: Any) -> Any:
        service, account_id, region = self._where[id(client)]
        return self.breaker.guard(service, account_id, region)

    async def call(self, client: Any, operation: str, **params: Any) -> dict[str, Any]:
        """One API call within the concurrency limits, behind the circuit breaker."""
        async with self._guard(client), self._limits(client):
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
            async with self._guard(client), self._limits(client):
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


class _Fixed:
    """A credential provider that hands out one credentials object (the assumed role's)."""

    METHOD = "assume-role"
    CANONICAL_NAME = "custom-assume-role"

    def __init__(self, credentials: Any) -> None:
        self._credentials = credentials

    async def load(self) -> Any:
        return self._credentials


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
