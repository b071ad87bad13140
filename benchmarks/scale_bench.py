"""Scale: an organization of 20 and of 200 accounts, one process against two Dask workers.

Real organizations are wide and mostly empty: most accounts use one or two regions of the
many a run must look at. Each synthetic estate here puts its resources in one region and the
scope adds three empty ones, so three units in four find nothing (as in a real estate).

Each (estate, mode) is measured in a child process of its own (``benchmarks/child.py``):
``toolkit.collect(scope, tables=FOUNDATION_TABLES, to=DIR, workers=N)``, streaming each
account's partitions to disk. The child reports its wall time, its CPU, the API calls of the
run, and peak memory: its own (VmHWM) and that of the largest of its child processes (the Dask
workers). The sandbox runs without added latency, so what is measured is CPU, the client's and
the sandbox's.

The projection for 1,000 accounts x 17 regions uses only per-unit costs measured at 200 accounts:
calls per account in the populated region and global services, calls per empty (account,
region), and client CPU per call; its arithmetic is written beside it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from typing import Any

SIZES = (20, 200)
QUICK_SIZES = (4, 8)
ESTATE = {"buckets": 2, "instances": 5, "users": 3, "roles": 3, "assignments": 1}
POPULATED = "us-east-1"
EMPTY = ("eu-west-1", "eu-central-1", "ap-southeast-2")
WORKERS = (0, 2)
PROJECT_ACCOUNTS, PROJECT_REGIONS = 1000, 17
CHILD_TIMEOUT_S = 1800


def run(quick: bool = False) -> dict[str, Any]:
    from toolkit.sandbox import Sandbox
    from toolkit.sandbox.synthetic import resource_counts, synthetic_estate

    from .child import measure_in_child
    from .collection import _server_cpu

    result: dict[str, Any] = {"populated_region": POPULATED, "empty_regions": list(EMPTY)}
    for accounts in QUICK_SIZES if quick else SIZES:
        estate = synthetic_estate(accounts=accounts, regions=[POPULATED], **ESTATE)
        started = time.perf_counter()
        with Sandbox(estate=estate) as sandbox:
            entry: dict[str, Any] = {
                "resources": resource_counts(estate),
                "start_s": round(time.perf_counter() - started, 2),
            }
            for workers in WORKERS:
                server = _server_cpu(sandbox)
                measured = measure_in_child(
                    "benchmarks.scale_bench",
                    [sandbox.endpoint_url, str(workers)],
                    CHILD_TIMEOUT_S,
                )
                after = _server_cpu(sandbox)
                if server is not None and after is not None:
                    measured["sandbox_cpu_s"] = round(after - server, 2)
                entry["one_process" if workers == 0 else f"dask_{workers}_workers"] = measured
        result[f"accounts_{accounts}"] = entry
    result.update(_targets(result, quick))
    return result


def _targets(result: dict[str, Any], quick: bool) -> dict[str, Any]:
    small, large = (f"accounts_{n}" for n in (QUICK_SIZES if quick else SIZES))
    one_small = result[small].get("one_process", {})
    one_large = result[large].get("one_process", {})
    out: dict[str, Any] = {}
    if "peak_rss_mb" in one_small and "peak_rss_mb" in one_large:
        out["memory_ratio"] = round(one_large["peak_rss_mb"] / one_small["peak_rss_mb"], 2)
    if "client_cpu_ms_per_call" in one_small:
        out["client_cpu_ms_per_call"] = one_small["client_cpu_ms_per_call"]
    if "calls" in one_large:
        out["projection"] = project(result[large], int(large.split("_")[1]))
    return out


def project(entry: dict[str, Any], accounts: int) -> dict[str, Any]:
    """1,000 accounts x 17 regions from the per-unit costs measured at ``accounts``."""
    one = entry["one_process"]
    regions = 1 + len(EMPTY)
    calls = one["calls"]
    per_empty = one["calls_per_empty_region"]  # per account and empty region
    per_account = (calls - accounts * len(EMPTY) * per_empty) / accounts
    projected_calls = PROJECT_ACCOUNTS * (per_account + (PROJECT_REGIONS - 1) * per_empty)
    cpu_ms = one["client_cpu_ms_per_call"]
    cpu_s = projected_calls * cpu_ms / 1000
    return {
        "calls_per_account_populated_region": round(per_account, 1),
        "calls_per_empty_account_region": round(per_empty, 2),
        "calls": round(projected_calls),
        "client_cpu_s_one_process": round(cpu_s, 1),
        "arithmetic": (
            f"{PROJECT_ACCOUNTS} accounts x ({per_account:.1f} calls in the populated region "
            f"and global + {PROJECT_REGIONS - 1} empty regions x {per_empty:.2f} calls) = "
            f"{projected_calls:,.0f} calls; x {cpu_ms} ms of client CPU a call = {cpu_s:,.0f} s "
            f"of CPU on one core ({cpu_s / 60:.1f} min), divided by the worker processes "
            f"with Dask; measured at {accounts} accounts x {regions} regions."
        ),
    }


# -- the child --------------------------------------------------------------------------------
def measure(endpoint: str, workers: int) -> dict[str, Any]:
    """One collection of the foundation tables to a temporary directory, measured."""
    import toolkit
    from toolkit.scope import Scope

    from .breadth_bench import FOUNDATION_TABLES

    scope = Scope(
        accounts="organization",
        regions=[POPULATED, *EMPTY],
        endpoint_url=endpoint,
        credentials=("testing", "testing"),
    )
    options: dict[str, Any] = {"workers": workers} if workers else {}
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-scale-") as directory:
        cpu, wall = time.process_time(), time.perf_counter()
        inventory = toolkit.collect_sync(
            scope,
            tables=list(FOUNDATION_TABLES),
            progress=False,
            to=os.path.join(directory, "snapshot"),
            **options,
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        calls = int(inventory.meta.get("api_calls_total") or 0)
        by_region = inventory.meta["api_calls_by_region"]
        empty = sum(by_region.get(region, 0) for region in EMPTY)
        accounts = len(inventory.meta.get("accounts") or [])
        rows = sum(len(inventory[name]) for name in inventory.tables)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {
        "workers": workers,
        "wall_s": round(wall, 2),
        "calls": calls,
        "rows": rows,
        "errors": int(len(inventory.errors)),
        "calls_per_empty_region": round(empty / max(accounts * len(EMPTY), 1), 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "largest_worker_peak_rss_mb": round(children.ru_maxrss / 1024, 1) if workers else None,
    }
    if not workers:  # the client's CPU is this process's alone
        out["client_cpu_s"] = round(cpu, 2)
        out["client_cpu_ms_per_call"] = round(1000 * cpu / max(calls, 1), 3)
    else:
        out["client_cpu_s"] = round(cpu + children.ru_utime + children.ru_stime, 2)
    return out


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "measure":
    print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))


def markdown(section: dict[str, Any]) -> list[str]:
    """The ``scale`` section of latest.md."""
    out = ["## Scale (`scale`)", ""]
    if not section:
        return out + ["Not run.", ""]
    if "error" in section:
        return out + [f"Error: `{section['error']}`", ""]
    out += [
        f"Synthetic organizations, resources in {section.get('populated_region')} only, scope "
        f"adds {', '.join(section.get('empty_regions') or [])} (empty); the 42 foundation "
        "tables streamed to disk (`collect(..., to=DIR)`); no added latency.",
        "",
        "| accounts | mode | wall s | API calls | rows | errors | client CPU s | "
        "client CPU ms a call | peak RSS MB (process) | largest worker peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in section.items():
        if not name.startswith("accounts_") or not isinstance(entry, dict):
            continue
        for mode, m in entry.items():
            if not isinstance(m, dict) or mode == "resources":
                continue
            if "error" in m:
                out.append(f"| {name[9:]} | {mode} | error: {m['error']} |||||||||")
                continue
            out.append(
                f"| {name[9:]} | {mode} | {m.get('wall_s')} | {m.get('calls')} | "
                f"{m.get('rows')} | {m.get('errors')} | {m.get('client_cpu_s')} | "
                f"{m.get('client_cpu_ms_per_call', '–')} | {m.get('peak_rss_mb')} | "
                f"{m.get('largest_worker_peak_rss_mb') or '–'} |"
            )
    out.append("")
    if "memory_ratio" in section:
        out += [
            f"Peak memory of one process at the larger estate over the smaller: "
            f"`memory_ratio` {section['memory_ratio']}.",
            "",
        ]
    projection = section.get("projection")
    if projection:
        out += [f"Projection to 1,000 accounts x 17 regions: {projection['arithmetic']}", ""]
    return out
