"""What a client costs the toolkit's process: CPU per client created, TCP connects per call.

``client_create_ms``: in a warm process (service models already loaded, as in any run after
its first clients), a fresh ``AwsSession`` enters each account once, then creates one client
per (service, account) one after another; each creation is timed by process CPU, so nothing
else runs while it is measured. ``count_connects`` counts the TCP connections the process opens
(``socket.connect``, which asyncio's ``sock_connect`` calls) while a block runs.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Services a collection of the foundation tables makes clients for.
SERVICES = (
    "ec2",
    "s3",
    "iam",
    "kms",
    "lambda",
    "rds",
    "logs",
    "cloudtrail",
    "sns",
    "sqs",
    "guardduty",
    "config",
)


@contextmanager
def count_connects() -> Iterator[list[int]]:
    """``with count_connects() as n:`` ... ``n[0]`` connections opened within the block."""
    counted = [0]
    original = socket.socket.connect

    def connect(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
        counted[0] += 1
        return original(self, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    try:
        yield counted
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]


def client_create_ms(scope: Any, accounts: list[str], region: str) -> dict[str, Any]:
    """Median and mean CPU milliseconds per client created, over services x accounts."""
    return asyncio.run(_create_clients(scope, accounts, region))


async def _create_clients(scope: Any, accounts: list[str], region: str) -> dict[str, Any]:
    from toolkit.aws.session import AwsSession

    async with AwsSession(scope) as aws:
        await aws.client("sts", "", region)  # the models this process needs, loaded once
        for service in SERVICES:
            await aws.client(service, "", "us-west-2")
        for account in accounts:
            await aws.session_for(account)
        costs = []
        for account in accounts:
            for service in SERVICES:
                started = time.process_time()
                await aws.client(service, account, region)
                costs.append(time.process_time() - started)
    return {
        "clients": len(costs),
        "median_ms": round(1000 * statistics.median(costs), 3),
        "mean_ms": round(1000 * statistics.fmean(costs), 3),
    }


def call_floor_ms(scope: Any, region: str, calls: int = 300) -> dict[str, Any]:
    """CPU milliseconds a call costs aiobotocore itself: one warm client asking the cheapest
    questions over and over (no pages, no new client, no table work). No collection can spend
    less a call than this on the same machine."""
    return asyncio.run(_floor(scope, region, calls))


async def _floor(scope: Any, region: str, calls: int) -> dict[str, Any]:
    from toolkit.aws.session import AwsSession

    questions = {"sts": "get_caller_identity", "ec2": "describe_vpcs", "s3": "list_buckets"}
    costs = {}
    async with AwsSession(scope) as aws:
        for service, operation in questions.items():
            client = await aws.client(service, "", region)
            for _ in range(20):  # warm: models, connections, caches
                await getattr(client, operation)()
            started = time.process_time()
            for _ in range(calls):
                await getattr(client, operation)()
            costs[f"{service}.{operation}"] = round(
                1000 * (time.process_time() - started) / calls, 3
            )
    return {"per_operation_ms": costs, "min_ms": min(costs.values())}
