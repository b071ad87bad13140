"""Circuit breaker: a failure that will not heal stops the calls that would meet it again.

Retries (botocore's ``standard`` mode) are for failures that heal: throttling, a request held
past the read timeout, a dropped connection. Some failures hold for the whole run, and each call
into them would only repeat the failure, once per table, account and region:

* an **account** whose role cannot be assumed (AssumeRole is made once per account and its
  failure is cached by the session);
* a **region** not enabled for an account (an opt-in region): AWS answers every request there as
  if it did not know the credentials (``InvalidClientTokenId`` from query services,
  ``UnrecognizedClientException`` from JSON ones, ``AuthFailure`` from EC2), while the same
  credentials work in the account's other regions;
* an **endpoint** (a service in a region) that does not answer: the connection is refused, times
  out, or is closed without an answer, after botocore's retries. A read timeout is not one: it
  is the answer that is slow, not the endpoint that is gone.

The first call into each (account, region) and each (service, region) goes alone, and the calls
behind it wait for its answer, so a broken thing costs exactly one call. Once tripped, every
call that needs the broken thing raises :class:`Broken` without a request; the engine records
each ``Broken`` once in ``inv.errors`` (``table`` ``"*"``). When an endpoint trips, one
GetCallerIdentity tells a dead endpoint for one service from a dead endpoint for everything;
in the second case every remaining call stops at once (``dead``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from botocore.exceptions import (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from .errors import error_code, error_message

#: What AWS answers in a region that the account has not enabled.
REGION_NOT_ENABLED_CODES = frozenset(
    {"InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure", "InvalidAccessKeyId"}
)
#: botocore service names whose tables carry another service name (the IAM prefix).
TABLE_SERVICE = {
    "sso-admin": "sso",
    "identitystore": "sso",
    "s3control": "s3",
    "acm-pca": "acm_pca",
}

Key = tuple[str, ...]
EVERYTHING: Key = ("endpoint", "*", "*")


class Broken(Exception):
    """A call not made, or failed, because something it needs will not heal for this run.

    ``key`` names the broken thing: ``("account", id)``, ``("region", id, region)``,
    ``("endpoint", service, region)`` or ``("endpoint", "*", "*")`` (nothing answers).
    """

    def __init__(self, key: Key, code: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.code = code
        self.message = message

    def error_row(self) -> dict[str, str]:
        """The one ``inv.errors`` row for this broken thing: ``table`` is ``"*"``, and
        ``account_id``, ``region`` and ``service`` are ``"*"`` where every one is concerned."""
        kind = self.key[0]
        account, region, service = "*", "*", "*"
        if kind == "account":
            account = self.key[1]
        elif kind == "region":
            account, region = self.key[1], self.key[2]
        elif self.key != EVERYTHING:
            service, region = TABLE_SERVICE.get(self.key[1], self.key[1]), self.key[2]
        return {
            "account_id": account,
            "region": region,
            "table": "*",
            "service": service,
            "error_code": self.code,
            "message": self.message,
        }


def is_unreachable(exc: BaseException) -> bool:
    """The endpoint did not answer at all: refused, timed out connecting, or closed."""
    if isinstance(exc, ReadTimeoutError):
        return False
    return isinstance(exc, EndpointConnectionError | ConnectTimeoutError | ConnectionClosedError)


class CircuitBreaker:
    """The broken things of one run, and the gates that let one probe call through first."""

    def __init__(self, home_region: str, probe: Callable[[], Awaitable[Any]]) -> None:
        self.home_region = home_region
        self.tripped: dict[Key, Broken] = {}
        #: Calls not made because what they needed was broken.
        self.short_circuited = 0
        self._gates: dict[Key, asyncio.Future[None]] = {}
        self._probe = probe
        self._probing: asyncio.Future[bool] | None = None

    @property
    def dead(self) -> Broken | None:
        """The breaker for "nothing answers", once tripped."""
        return self.tripped.get(EVERYTHING)

    def trip(self, broken: Broken) -> Broken:
        """Record ``broken`` (the first trip of a key wins) and return the recorded one."""
        return self.tripped.setdefault(broken.key, broken)

    def check(self, keys: list[Key]) -> None:
        for key in [EVERYTHING, *keys]:
            broken = self.tripped.get(key)
            if broken is not None:
                self.short_circuited += 1
                raise broken

    def gated(self, service: str, account_id: str, region: str) -> list[Key]:
        """What a call needs that one probe call tries first: the endpoint of its service in
        its region, and (outside the home region, where the identity was established) the
        account's region. (An account is tried by its one AssumeRole.)"""
        keys: list[Key] = [("endpoint", service, region)]
        if region != self.home_region:
            keys.append(("region", account_id, region))
        return keys

    @asynccontextmanager
    async def guard(self, service: str, account_id: str, region: str) -> AsyncIterator[None]:
        """Around one call: wait for the probes of what it needs, fail fast if any is broken,
        be the probe where none went before, and classify the call's failure."""
        gated = self.gated(service, account_id, region)
        keys = [("account", account_id), *gated]
        while True:
            self.check(keys)
            pending = [g for k in gated if (g := self._gates.get(k)) is not None and not g.done()]
            if not pending:
                break
            # Claim nothing while waiting: a probe never waits, so probes cannot wait in a ring.
            await asyncio.wait(pending)
        loop = asyncio.get_running_loop()
        claimed = [k for k in gated if k not in self._gates]
        for key in claimed:
            self._gates[key] = loop.create_future()
        try:
            yield
        except Broken:
            raise
        except Exception as exc:
            broken = await self._classify(exc, service, account_id, region)
            if broken is None:
                raise
            raise broken from exc
        finally:
            for key in claimed:
                if not self._gates[key].done():
                    self._gates[key].set_result(None)

    async def _classify(
        self, exc: Exception, service: str, account_id: str, region: str
    ) -> Broken | None:
        code = error_code(exc)
        if code in REGION_NOT_ENABLED_CODES and region != self.home_region:
            return self.trip(
                Broken(
                    ("region", account_id, region),
                    code,
                    f"{region} answers as a region this account has not enabled "
                    f"({error_message(exc)}); nothing was read there: enable the region for "
                    "the account or leave it out of the regions.",
                )
            )
        if not is_unreachable(exc):
            return None
        if not await self._anything_answers():
            return self.trip(Broken(EVERYTHING, code, f"{code}: {error_message(exc)}"))
        return self.trip(
            Broken(
                ("endpoint", service, region),
                code,
                f"the {service} endpoint in {region} does not answer ({error_message(exc)}); "
                "nothing more was asked of it: check the network path to it (proxy, firewall, "
                "VPC endpoint).",
            )
        )

    async def _anything_answers(self) -> bool:
        """One GetCallerIdentity (shared by every endpoint trip in flight): does the identity
        endpoint still answer?"""
        if self._probing is None or self._probing.done():

            async def probe() -> bool:
                try:
                    await self._probe()
                except Exception as exc:
                    return not is_unreachable(exc)
                return True

            self._probing = asyncio.ensure_future(probe())
        return await asyncio.shield(self._probing)
