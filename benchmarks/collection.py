"""Collection: the toolkit against the hand-written boto3 loop, and against the lower bound.

One run, one sandbox: a synthetic organization (20 accounts, 2 regions, a few thousand
resources; ``toolkit.sandbox.synthetic``) is seeded without latency, then every request gets
50 ms (the sandbox middleware's ``latency_ms``), and in turn:

1. the toolkit collects the 42 tables the baseline reads (``breadth_bench.FOUNDATION_TABLES``:
   the toolkit's tables before issue 16; the others are measured in the ``breadth`` section);
2. a saturating probe measures what the sandbox itself can serve: many concurrent, cheap,
   pre-signed STS GetCallerIdentity requests over aiohttp (the client costs a fraction of a
   millisecond a request, so the server is what saturates), at two concurrency levels, the
   better kept;
3. the baseline, ``benchmarks/baseline_boto3.py``, reads the same tables one request at a
   time.

Each is measured by wall time, process CPU time (``time.process_time``), the sandbox's request
counts (``reset_counts``/``request_counts``) and the sandbox process's CPU time.

The lower bound is the larger of two floors:

- the longest chain of dependent requests times the latency. The chain is derived from the
  structure of the collection, not measured: the engine first asks STS who the caller is and
  lists the organization's accounts (one request a page of 20) before any table starts; then
  each table has its own chain (``s3.buckets``: AssumeRole, ListBuckets, GetBucketLocation when
  ListBuckets gives no region, the per-bucket detail calls (one round, run concurrently), and
  GetBucketPolicyStatus when a bucket has a policy; the Organizations tree: ListRoots and one
  round per OU level; ``iam.access_keys``: AssumeRole, GetAccountAuthorizationDetails pages,
  ListAccessKeys, GetAccessKeyLastUsed; Identity Center: ListInstances, ListPermissionSets,
  ListAccountsForProvisionedPermissionSet (beside DescribePermissionSet),
  ListAccountAssignments; ...). ``CHAINS`` below lists them; optional
  steps count only where the run made that call, and pages are counted from the inventory's
  sizes. The longest chain over tables is the floor with unlimited concurrency.
- the run's requests divided by the sandbox's capacity (the probe's requests a second): the
  floor when the server is the bottleneck. Real requests cost the server more than
  GetCallerIdentity, so this floor is optimistic, and so is ``efficiency``; the sandbox's CPU
  seconds during the run are reported beside it as a second, tighter view.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from typing import Any

LATENCY_MS = 50.0
ESTATE = {
    "accounts": 20,
    "regions": ("us-east-1", "eu-west-1"),
    "buckets": 10,
    "instances": 100,
    "users": 10,
    "roles": 10,
    "assignments": 3,
}
PROBE_CONCURRENCY = (64, 256)
PROBE_SECONDS = 3.0

#: Per table, the requests that must follow one another, after the run's start (GetCallerIdentity
#: and the ListAccounts pages). A name in brackets is optional: counted only when the run made
#: that call. "pages:" steps repeat once a page, computed in ``_pages``.
CHAINS: dict[str, list[str]] = {
    "s3.buckets": [
        "sts.AssumeRole",
        "s3.ListBuckets",
        "[s3.GetBucketLocation]",
        "s3.GetBucketPolicy",
        "[s3.GetBucketPolicyStatus]",
    ],
    "s3.account_public_access_block": ["sts.AssumeRole", "s3control.GetPublicAccessBlock"],
    "organizations.accounts": ["organizations.ListRoots", "pages:organizations.tree"],
    "organizations.policy_targets": [
        "organizations.ListPolicies",
        "organizations.DescribePolicy",
        "organizations.ListTargetsForPolicy",
    ],
    "iam.access_keys": [
        "sts.AssumeRole",
        "pages:iam.GetAccountAuthorizationDetails",
        "iam.ListAccessKeys",
        "[iam.GetAccessKeyLastUsed]",
    ],
    "iam.users": [
        "sts.AssumeRole",
        "iam.GenerateCredentialReport",
        "iam.GetCredentialReport",
        "[iam.GetLoginProfile]",
    ],
    "sso.account_assignments": [
        "sso-admin.ListInstances",
        "sso-admin.ListPermissionSets",
        "sso-admin.ListAccountsForProvisionedPermissionSet",  # beside DescribePermissionSet
        "sso-admin.ListAccountAssignments",
    ],
    "sso.permission_sets": [
        "sso-admin.ListInstances",
        "sso-admin.ListPermissionSets",
        "sso-admin.DescribePermissionSet",
        "sso-admin.ListManagedPoliciesInPermissionSet",
    ],
    "ec2.instances": ["sts.AssumeRole", "pages:ec2.DescribeInstances"],
    "kms.keys": [
        "sts.AssumeRole",
        "kms.ListKeys",
        "[kms.DescribeKey]",
        "[kms.GetKeyRotationStatus]",
    ],
    "cloudtrail.trails": [
        "sts.AssumeRole",
        "cloudtrail.DescribeTrails",
        "[cloudtrail.GetTrailStatus]",
    ],
    "lambda.functions": ["sts.AssumeRole", "lambda.ListFunctions", "[lambda.GetPolicy]"],
    "rds.db_snapshots": [
        "sts.AssumeRole",
        "rds.DescribeDBSnapshots",
        "[rds.DescribeDBSnapshotAttributes]",
    ],
}


def run(quick: bool = False) -> dict[str, Any]:
    """Seed, measure the toolkit, probe, measure the baseline; the ``collection`` section."""
    import toolkit
    from toolkit.sandbox import Sandbox
    from toolkit.sandbox.synthetic import resource_counts, synthetic_estate

    from . import baseline_boto3
    from .breadth_bench import FOUNDATION_TABLES
    from .client_costs import call_floor_ms, client_create_ms, count_connects

    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    parameters = estate_parameters(quick)
    estate = synthetic_estate(**parameters)
    result: dict[str, Any] = {
        "estate": {**parameters, "regions": list(parameters["regions"])},
        "resources": resource_counts(estate),
        "latency_ms": LATENCY_MS,
    }
    started = time.perf_counter()
    sandbox = Sandbox(estate=estate).start()
    try:
        result["seed_s"] = round(time.perf_counter() - started, 2)
        sandbox.configure(latency_ms=LATENCY_MS)
        import aioboto3  # noqa: F401  (imports are not collection)

        with count_connects() as connects:
            toolkit_run = _measure(
                sandbox,
                lambda: toolkit.collect_sync(
                    sandbox.scope(), tables=list(FOUNDATION_TABLES), progress=False
                ),
            )
        inventory = toolkit_run.pop("value")
        clients = client_create_ms(
            sandbox.scope(), list(inventory.meta["accounts"]), sandbox.truth.regions[0]
        )
        sandbox.configure(latency_ms=0)  # the floor is CPU: no need to wait for answers
        floor = call_floor_ms(sandbox.scope(), sandbox.truth.regions[0])
        sandbox.configure(latency_ms=LATENCY_MS)
        capacity = _probe(sandbox)
        baseline_run = _measure(
            sandbox,
            lambda: baseline_boto3.collect(
                sandbox.endpoint_url, list(sandbox.truth.regions), ("testing", "testing")
            ),
        )
        baseline_rows = baseline_run.pop("value")
    finally:
        sandbox.stop()

    chain = dependency_chain(inventory, toolkit_run["operations"])
    requests = toolkit_run["requests"]
    chain_s = chain["requests"] * LATENCY_MS / 1000
    capacity_s = requests / capacity["requests_per_s"]
    bound = max(chain_s, capacity_s)
    toolkit_s, baseline_s = toolkit_run["wall_s"], baseline_run["wall_s"]
    result.update(
        toolkit_s=toolkit_s,
        baseline_s=baseline_s,
        speedup=round(baseline_s / toolkit_s, 2),
        lower_bound_s=round(bound, 3),
        efficiency=round(bound / toolkit_s, 3),
        api_calls={"toolkit": requests, "baseline": baseline_run["requests"]},
        client_create_ms=clients["median_ms"],
        client_creation=clients,
        call_floor_ms=floor,
        connects_per_call=round(connects[0] / max(requests, 1), 3),
        client_cpu_ms_per_call={
            "toolkit": round(1000 * toolkit_run["cpu_s"] / max(requests, 1), 3),
            "baseline": round(1000 * baseline_run["cpu_s"] / max(baseline_run["requests"], 1), 3),
        },
        bound={
            "chain_requests": chain["requests"],
            "chain_s": round(chain_s, 3),
            "chain_table": chain["table"],
            "chain": chain["steps"],
            "capacity_requests_per_s": capacity["requests_per_s"],
            "capacity_s": round(capacity_s, 3),
            "bounded_by": "chain" if chain_s >= capacity_s else "sandbox capacity",
            "probe": capacity,
        },
        toolkit={k: v for k, v in toolkit_run.items() if k != "operations"},
        baseline={k: v for k, v in baseline_run.items() if k != "operations"},
        toolkit_errors=len(inventory.errors),
        toolkit_retries=inventory.meta.get("retries"),
        rows={
            "toolkit": {name: len(inventory[name]) for name in inventory.tables},
            "baseline": {name: len(rows) for name, rows in sorted(baseline_rows.items())},
        },
        top_operations={
            "toolkit": _top(toolkit_run["operations"]),
            "baseline": _top(baseline_run["operations"]),
        },
    )
    return result


def estate_parameters(quick: bool = False) -> dict[str, Any]:
    """The synthetic estate's parameters (``quick``: a small one, to try the harness)."""
    parameters = dict(ESTATE)
    if quick:
        parameters.update(accounts=4, buckets=4, instances=20, users=4, roles=4)
    return parameters


def _measure(sandbox: Any, action: Any) -> dict[str, Any]:
    """Wall, process CPU, sandbox CPU and the requests the sandbox served during ``action``."""
    sandbox.reset_counts()
    server = _server_cpu(sandbox)
    cpu, wall = time.process_time(), time.perf_counter()
    value = action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server_after = _server_cpu(sandbox)
    operations = sandbox.request_counts()
    return {
        "value": value,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "server_cpu_s": None if server is None else round(server_after - server, 3),
        "requests": sum(operations.values()),
        "operations": operations,
    }


def _server_cpu(sandbox: Any) -> float | None:
    """CPU seconds (user + system) the sandbox's server process has used, from /proc."""
    process = getattr(sandbox, "_process", None)
    try:
        with open(f"/proc/{process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (AttributeError, OSError, ValueError, IndexError):
        return None


def _top(operations: dict[str, int], n: int = 12) -> dict[str, int]:
    return dict(sorted(operations.items(), key=lambda item: (-item[1], item[0]))[:n])


def _probe(sandbox: Any) -> dict[str, Any]:
    """Requests a second the sandbox serves, saturated with cheap concurrent requests."""
    levels = {}
    for concurrency in PROBE_CONCURRENCY:
        levels[concurrency] = asyncio.run(
            _saturate(sandbox.endpoint_url, concurrency, PROBE_SECONDS)
        )
    best = max(levels.values(), key=lambda level: level["requests_per_s"])
    sandbox.reset_counts()
    return {
        "requests_per_s": best["requests_per_s"],
        "operation": "sts.GetCallerIdentity",
        "levels": {str(k): v for k, v in levels.items()},
    }


async def _saturate(endpoint: str, concurrency: int, seconds: float) -> dict[str, Any]:
    import aiohttp
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    body = "Action=GetCallerIdentity&Version=2011-06-15"
    request = AWSRequest(
        method="POST",
        url=endpoint + "/",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    SigV4Auth(Credentials("testing", "testing"), "sts", "us-east-1").add_auth(request)
    headers = dict(request.headers.items())
    loop = asyncio.get_running_loop()
    served = failed = 0
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def worker(deadline: float) -> None:
            nonlocal served, failed
            while loop.time() < deadline:
                try:
                    async with http.post(endpoint + "/", data=body, headers=headers) as answer:
                        await answer.read()
                        if answer.status == 200:
                            served += 1
                        else:
                            failed += 1
                except aiohttp.ClientError:
                    failed += 1

        await asyncio.gather(*(worker(loop.time() + 0.5) for _ in range(concurrency)))  # warm
        served = failed = 0
        started = time.perf_counter()
        await asyncio.gather(*(worker(loop.time() + seconds) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {
        "concurrency": concurrency,
        "served": served,
        "failed": failed,
        "seconds": round(elapsed, 3),
        "requests_per_s": round(served / elapsed, 1),
    }


def dependency_chain(inventory: Any, operations: dict[str, int]) -> dict[str, Any]:
    """The longest chain of requests that must follow one another in the run (see the module
    docstring): the run's start, then the longest table chain."""
    accounts = len(inventory.meta.get("accounts") or []) or 1
    start = ["sts.GetCallerIdentity"] + ["organizations.ListAccounts"] * _pages_of(accounts, 20)
    best: tuple[int, str, list[str]] = (0, "", [])
    for table, steps in CHAINS.items():
        chain: list[str] = []
        for step in steps:
            if step.startswith("["):
                name = step.strip("[]")
                if operations.get(name, 0) > 0:
                    chain.append(name)
            elif step.startswith("pages:"):
                name = step.removeprefix("pages:")
                chain += [name] * _pages(inventory, name)
            else:
                chain.append(step)
        if len(chain) > best[0]:
            best = (len(chain), table, chain)
    steps = start + best[2]
    return {"requests": len(steps), "table": best[1], "steps": steps}


def _pages_of(items: int, page: int) -> int:
    return max(1, math.ceil(items / page))


def _pages(inventory: Any, name: str) -> int:
    """Pages a paged step takes, from the sizes of what the run found."""

    def largest(table: str, by: list[str]) -> int:
        if table not in inventory.tables or not len(inventory[table]):
            return 0
        return int(inventory[table].groupby(by, observed=True).size().max())

    if name == "organizations.tree":  # one round a level of the tree, the leaves' too
        units = (
            inventory["organizations.organizational_units"]
            if "organizations.organizational_units" in inventory.tables
            else None
        )
        depth = int(units["depth"].max()) if units is not None and len(units) else 0
        return depth + 1
    if name == "iam.GetAccountAuthorizationDetails":  # 100 items a page
        items = sum(
            largest(t, ["account_id"])
            for t in ("iam.users", "iam.roles", "iam.groups", "iam.policies")
        )
        return _pages_of(items, 100)
    if name == "ec2.DescribeInstances":  # 1,000 a page
        return _pages_of(largest("ec2.instances", ["account_id", "region"]), 1000)
    return 1
