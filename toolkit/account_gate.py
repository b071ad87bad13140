"""How many accounts a run streaming to disk works on at once, and the end of each.

A run keeps a session and a client per (service, region) for every account it reads. With
every account in flight at once, all of them live until the run ends: at 200 accounts the
process held 1.1 GB against 0.3 GB at 20 (``benchmarks/scale_bench.py``), though its rows went
to disk as they were read. When the rows go to disk (``collect(..., to=DIR)``), the run admits
accounts in order, ``limit`` at a time; when every table is done with an account, its clients
are closed (``AwsSession.release``) and the next account comes in, so memory stays that of
``limit`` accounts however large the organization. The caller's own account is never held
back or released: the organization's tables and every AssumeRole go through it.
"""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable


class AccountGate:
    """``await gate.enter(account)`` before one table's work in an account, ``await
    gate.leave(account)`` after it (``parts``: how many tables read each account)."""

    def __init__(
        self,
        order: Iterable[str],
        parts: Counter[str],
        limit: int,
        release: Callable[[str], Awaitable[None]],
        *,
        always: str = "",
    ) -> None:
        self._parts = Counter(parts)
        self._release = release
        self._always = always
        self._waiting = deque(a for a in dict.fromkeys(order) if a != always and parts[a])
        self._admitted: dict[str, asyncio.Event] = {}
        for _ in range(max(1, limit)):
            self._admit_next()

    def _admit_next(self) -> None:
        if self._waiting:
            account = self._waiting.popleft()
            self._admitted.setdefault(account, asyncio.Event()).set()

    async def enter(self, account: str) -> None:
        """Wait until ``account`` is one of those being read."""
        if account == self._always:
            return
        await self._admitted.setdefault(account, asyncio.Event()).wait()

    async def leave(self, account: str) -> None:
        """One table is done with ``account``; the last one releases it and admits the next."""
        if account == self._always:
            return
        self._parts[account] -= 1
        if self._parts[account] > 0:
            return
        self._admit_next()
        await self._release(account)
