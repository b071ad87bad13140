"""The account gate reads at most `limit` accounts at once, in order, and lets each go once."""

from __future__ import annotations

import asyncio
import random
from collections import Counter

from toolkit.account_gate import AccountGate


def test_at_most_limit_accounts_at_once_each_released_once() -> None:
    accounts = [f"a{i}" for i in range(12)]
    parts = Counter({account: 3 for account in accounts})
    parts["caller"] = 5
    active: set[str] = set()
    peak = [0]
    released: list[str] = []
    admitted: list[str] = []

    async def release(account: str) -> None:
        released.append(account)
        active.discard(account)

    async def work(gate: AccountGate, account: str) -> None:
        await gate.enter(account)
        if account != "caller":
            if account not in active:
                admitted.append(account)
            active.add(account)
            peak[0] = max(peak[0], len(active))
        await asyncio.sleep(random.random() / 1000)
        await gate.leave(account)

    async def run() -> None:
        gate = AccountGate(["caller", *accounts], parts, 4, release, always="caller")
        jobs = [work(gate, account) for account, n in parts.items() for _ in range(n)]
        random.shuffle(jobs)
        await asyncio.gather(*jobs)

    random.seed(7)
    asyncio.run(run())
    assert peak[0] == 4
    assert sorted(released) == sorted(accounts)  # each once; the caller's never
    assert set(admitted[:4]) == set(accounts[:4])  # the first in the run's order
