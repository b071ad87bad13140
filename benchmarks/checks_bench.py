"""Checks at scale: ``run_checks`` over synthetic inventories of 10k, 100k and 1M resources.

The inventories are built, not collected: the demo estate is collected once from the sandbox
(every table, with its deliberate misconfigurations, in the declared dtypes), and each size is
that inventory replicated, vectorized, until its tables hold the number of resources asked for
(rows over all tables, each table keeping its share). Each replica stands for another set of
accounts: every 12-digit account id in every string column (ids, ARNs, policy documents) is
mapped to a replica's own id, and the ids unique within an organization but free of account
ids (Organizations', Identity Center's, UUIDs) and the bucket names (global) get a replica
suffix, so every replica is an organization of its own: keys stay unique and joins keep their
cardinality, as in an estate that many times larger.

Each size runs in its own process (``python -m benchmarks.checks_bench measure DIR N``), so
one size's memory never weighs on another's: the inventory is built, the process's peak
resident memory is reset (``/proc/self/clear_refs``), then ``run_checks`` is timed and the peak
is read (``VmHWM``): that peak includes the inventory itself, which the checks read.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.child import measure_in_child

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
TIMEOUT_S = 900
_ACCOUNT = re.compile(r"(?<!\d)\d{12}(?!\d)")
#: Ids that are unique in an organization but carry no account id: Organizations' (o-, r-,
#: ou-, p-), Identity Center's (ssoins-, ps-, d-) and the identity store's and KMS's UUIDs.
_ORG_ID = re.compile(
    r"(?<![\w-])((?:o|r|ou|p|d|ssoins|ps)-[0-9A-Za-z]+(?:-[0-9a-z]+)?"
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])"
)


def run(quick: bool = False) -> dict[str, Any]:
    """The ``checks`` section: per size, seconds and peak memory, and the growth between."""
    sizes = QUICK_SIZES if quick else SIZES
    with tempfile.TemporaryDirectory(prefix="checks-bench-") as scratch:
        template = Path(scratch) / "template"
        started = time.perf_counter()
        rows = make_template(template)
        result: dict[str, Any] = {
            "template": {
                "source": "demo estate, collected from the sandbox",
                "rows": rows,
                "seconds": round(time.perf_counter() - started, 2),
            },
            "sizes": {},
        }
        for size in sizes:
            result["sizes"][str(size)] = _measure_in_child(template, size)
    result["growth"] = growth(result["sizes"])
    return result


def make_template(directory: Path) -> int:
    """Collect the demo estate from a sandbox into a snapshot; returns its total rows."""
    import toolkit
    from toolkit.sandbox import Sandbox

    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    with Sandbox() as sandbox:
        inventory = toolkit.collect_sync(sandbox.scope(), progress=False)
    inventory.save(directory)
    return sum(len(frame) for frame in inventory.values())


def _measure_in_child(template: Path, size: int) -> dict[str, Any]:
    return measure_in_child("benchmarks.checks_bench", [str(template), str(size)], TIMEOUT_S)


def growth(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Seconds and peak memory per resource from each size to the next: 1.0 is linear."""
    measured = [(int(k), v) for k, v in sizes.items() if "checks_s" in v]
    measured.sort()
    steps = []
    for (small, a), (large, b) in zip(measured, measured[1:], strict=False):
        scale = b["resources"] / a["resources"]
        steps.append(
            {
                "from": small,
                "to": large,
                "resources_x": round(scale, 2),
                "time_x": round(b["checks_s"] / a["checks_s"], 2),
                "time_per_resource_x": round(b["checks_s"] / a["checks_s"] / scale, 2),
                "memory_x": round(b["peak_mb"] / a["peak_mb"], 2),
            }
        )
    return {"steps": steps}


# -- building an inventory of a given size ---------------------------------------------------
def scale(template: Any, resources: int) -> Any:
    """The template inventory replicated to ``resources`` rows over all its tables."""
    from toolkit.inventory import Inventory

    total = sum(len(frame) for frame in template.values())
    accounts = _accounts(template)
    names = _bucket_names(template)
    frames = {}
    replicas_needed = 1
    for name, frame in template.items():
        target = round(len(frame) * resources / total) if total else 0
        frames[name] = _replicate(frame, target, accounts, names)
        if len(frame):
            replicas_needed = max(replicas_needed, math.ceil(target / len(frame)))
    meta = dict(template.meta)
    meta["accounts"] = [
        _account_id(accounts[a], r) for r in range(replicas_needed) for a in accounts
    ]
    return Inventory(frames, template.errors.iloc[0:0], meta)


def _accounts(template: Any) -> dict[str, int]:
    """The template's own accounts (external ones in trust policies stay as they are)."""
    ids = set(template.meta.get("accounts") or [])
    for frame in template.values():
        if "account_id" in frame:
            ids.update(frame["account_id"].dropna().astype(str))
    if "organizations.accounts" in template.tables:
        ids.update(template["organizations.accounts"]["id"].dropna().astype(str))
    return {account: index for index, account in enumerate(sorted(i for i in ids if len(i) == 12))}


def _account_id(index: int, replica: int) -> str:
    return f"9{index:03d}{replica:08d}"


def _bucket_names(template: Any) -> re.Pattern[str] | None:
    if "s3.buckets" not in template.tables or not len(template["s3.buckets"]):
        return None
    names = sorted(set(template["s3.buckets"]["name"].dropna()), key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, names)) + r")(?![\w.-])")


def _replicate(
    frame: pd.DataFrame, target: int, accounts: dict[str, int], names: re.Pattern[str] | None
) -> pd.DataFrame:
    rows = len(frame)
    if rows == 0 or target == 0:
        return frame.iloc[0:0].reset_index(drop=True)
    replicas = math.ceil(target / rows)
    index = np.arange(target) % rows
    columns = {}
    for name in frame.columns:
        column = frame[name].reset_index(drop=True)
        if isinstance(column.dtype, pd.StringDtype) or column.dtype == object:
            columns[name] = _strings(column, replicas, target, accounts, names)
        else:
            columns[name] = column.take(index).reset_index(drop=True)
    return pd.DataFrame(columns, index=pd.RangeIndex(target))


def _strings(
    column: pd.Series,
    replicas: int,
    target: int,
    accounts: dict[str, int],
    names: re.Pattern[str] | None,
) -> pd.Series:
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    values = np.asarray(uniques, dtype=object)
    varying = [
        i
        for i, value in enumerate(values)
        if isinstance(value, str)
        and (
            _ACCOUNT.search(value)
            or _ORG_ID.search(value)
            or (names is not None and names.search(value))
        )
    ]
    na = codes < 0
    codes = np.where(na, len(values), codes)  # the last slot holds the missing value
    blocks = []
    table = np.append(values, None)
    for replica in range(replicas):
        if varying:
            table = np.append(values, None)
            for i in varying:
                table[i] = _rename(values[i], replica, accounts, names)
        blocks.append(table[codes])
    out = np.concatenate(blocks)[:target]
    return pd.Series(out, dtype=column.dtype)


def _rename(
    value: str, replica: int, accounts: dict[str, int], names: re.Pattern[str] | None
) -> str:
    def account(match: re.Match[str]) -> str:
        index = accounts.get(match.group(0))
        return match.group(0) if index is None else _account_id(index, replica)

    if replica == 0:
        return value
    suffix = f"{replica:06x}"
    renamed = _ACCOUNT.sub(account, value)
    renamed = _ORG_ID.sub(lambda m: m.group(1) + suffix, renamed)
    if names is not None:
        renamed = names.sub(lambda m: f"{m.group(1)}-{suffix}", renamed)
    return renamed


def measure(template_dir: str, resources: int) -> dict[str, Any]:
    """In this process: build the inventory of ``resources``, then time ``run_checks``."""
    import gc

    from toolkit import run_checks
    from toolkit.inventory import Inventory

    started = time.perf_counter()
    inventory = scale(Inventory.load(template_dir), resources)
    build_s = time.perf_counter() - started
    gc.collect()
    rss_before = _status_mb("VmRSS")
    reset = _reset_peak()
    started = time.perf_counter()
    findings = run_checks(inventory)
    checks_s = time.perf_counter() - started
    import resource

    max_rss = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    peak = _status_mb("VmHWM") if reset else max_rss
    facts = {
        "resources": int(sum(len(frame) for frame in inventory.values())),
        "tables": len(inventory),
        "build_s": round(build_s, 2),
        "checks_s": round(checks_s, 3),
        "findings": len(findings),
        "fails": int((findings["status"] == "FAIL").sum()),
        "inventory_rss_mb": rss_before,
        "peak_mb": peak,
        "peak_source": "VmHWM reset after the build" if reset else "ru_maxrss (with the build)",
    }
    del findings
    facts["slowest_checks_s"] = _slowest_checks(inventory)
    return facts


def _slowest_checks(inventory: Any, top: int = 6) -> dict[str, float]:
    """Each check run alone (a second pass): the ones that take longest, in seconds."""
    from toolkit import run_checks
    from toolkit.checks.base import select

    times = {}
    for entry in select(None):
        started = time.perf_counter()
        run_checks(inventory, checks=[entry.check_id])
        times[entry.check_id] = round(time.perf_counter() - started, 3)
    return dict(sorted(times.items(), key=lambda item: -item[1])[:top])


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the peak resident size to the current one (Linux: clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "measure":
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
