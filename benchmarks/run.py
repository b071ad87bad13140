"""``make bench``: every benchmark, into ``benchmarks/results/latest.json`` and ``latest.md``.

``python benchmarks/run.py`` (or ``python -m benchmarks.run``) runs the sections in turn:

- ``collection``: the toolkit against the hand-written boto3 loop on a 20-account, 2-region
  synthetic estate with 50 ms a request, and against the lower bound (``collection.py``);
- ``checks``: ``run_checks`` over inventories of 10k, 100k and 1M resources (``checks_bench.py``);
- ``render``: the diagrams of a 500-account organization and a 2,000-instance VPC
  (``render_bench.py``, when it is there);
- ``report``: ``toolkit report audit --demo`` end to end, as a user runs it;
- ``sandbox``: the sandbox's start (warm and cold) and stop for the demo and the 20-account
  estates (``sandbox_bench.py``);
- ``breadth``: on the demo estate, every table against the 42 tables of the toolkit before
  issue 16 (that toolkit, from git history, and today's), timed in turn, and the 42 tables' API
  calls then and now (``breadth_bench.py``);
- ``access``: ``access.effective`` and ``access.paths_to_admin`` over the 20-account synthetic
  estate, cold and warm (``access_bench.py``);
- ``diff``: ``toolkit.diff`` of two synthetic inventories of 1M rows each, with and without
  200k findings a side, time and peak memory (``diff_bench.py``).

A section that fails is recorded as that section's error; the others still run. Both files
name the machine, the versions and the settings; ``latest.md`` says where each target stands
and, for a target missed, what bounds it. Not a test: nothing here fails the build.

Options: ``--quick`` (small sizes, to try the harness), ``--sections collection,checks``,
``--output DIR``, ``--merge`` (replace only the sections measured now in the latest.json there;
each section records when it was measured).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # python benchmarks/run.py
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results"
SECTIONS = (
    "sandbox",
    "collection",
    "breadth",
    "access",
    "checks",
    "render",
    "report",
    "diff",
    "scale",
)
PACKAGES = ("aioboto3", "aiobotocore", "botocore", "boto3", "moto", "pandas", "numpy", "pyarrow")
REPORT_TIMEOUT_S = 600

#: The issue's targets: (section, key, comparison, value, what it means).
TARGETS = [
    ("collection", "speedup", ">=", 20, "toolkit at least 20x faster than the boto3 loop"),
    ("collection", "efficiency", ">=", 0.7, "toolkit within 1/0.7 of the lower bound"),
    ("collection", "api_calls", "<=", None, "toolkit makes no more API calls than the loop"),
    (
        "collection",
        "client_cpu_ms_per_call.toolkit",
        "<=",
        1.5,
        "client CPU at most 1.5 ms a call on the 20-account estate",
    ),
    ("scale", "memory_ratio", "<=", 2, "peak memory at 200 accounts at most 2x that at 20"),
    (
        "breadth",
        "calls_growing_with_resources",
        "<=",
        0,
        "the 42 foundation tables make no more API calls per resource than before issue 16",
    ),
    (
        "breadth",
        "all_over_before",
        "<",
        2,
        "demo estate: every table in under 2x the time the 42 took before issue 16",
    ),
    (
        "access",
        "effective.cold_s",
        "<",
        10,
        "access.effective over the 20-account estate in under 10 s",
    ),
    (
        "access",
        "paths_to_admin.cold_s",
        "<",
        10,
        "access.paths_to_admin over the 20-account estate in under 10 s",
    ),
    ("checks", "1000000.checks_s", "<", 20, "1M resources checked in under 20 s"),
    ("checks", "1000000.peak_mb", "<", 4096, "1M resources checked in under 4 GB"),
    ("checks", "linear", "<=", 1.5, "time per resource grows no more than 1.5x a decade"),
    ("render", "org_500_accounts_s", "<", 10, "org chart of 500 accounts in under 10 s"),
    ("render", "network_2000_instances_s", "<", 10, "network map of 2,000 instances in under 10 s"),
    ("report", "seconds", "<", 90, "demo audit report end to end in under 90 s"),
    ("sandbox", "demo.start_s", "<=", 3, "demo estate ready within 3 s"),
    ("sandbox", "synthetic_20_accounts.start_s", "<=", 15, "20-account estate ready within 15 s"),
    ("sandbox", "demo.stop_s", "<=", 2, "sandbox stopped within 2 s"),
    ("diff", "diff_seconds", "<", 30, "two inventories of 1M rows each diffed in under 30 s"),
    ("diff", "diff_peak_rss_gb", "<", 4, "two inventories of 1M rows each diffed in under 4 GB"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the harness")
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated")
    parser.add_argument("--output", default=str(RESULTS), help="directory for latest.*")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sections of the latest.json there; replace only those measured now",
    )
    parser.add_argument(
        "--markdown-only",
        action="store_true",
        help="only write latest.md again from the latest.json there (same numbers)",
    )
    args = parser.parse_args(argv)
    if args.markdown_only:
        measured = json.loads((Path(args.output) / "latest.json").read_text())
        (Path(args.output) / "latest.md").write_text(markdown(measured))
        return 0
    chosen = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")

    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    started = datetime.now(UTC)
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "settings": settings(args.quick, chosen),
    }
    runners: dict[str, Callable[[bool], dict[str, Any]]] = {
        "sandbox": _sandbox,
        "collection": _collection,
        "breadth": _breadth,
        "access": _access,
        "checks": _checks,
        "render": _render,
        "report": _report,
        "diff": _diff,
        "scale": _scale,
    }
    for name in chosen:
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        clock = time.perf_counter()
        try:
            section = runners[name](args.quick)
        except Exception as exc:  # recorded, and the other sections still run
            section = {
                "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(limit=8),
            }
        section["section_s"] = round(time.perf_counter() - clock, 1)
        section["measured"] = datetime.now(UTC).isoformat(timespec="seconds")
        results[name] = section
        print(f"[bench] {name}: {_short(section)}", file=sys.stderr, flush=True)
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["load_average_end"] = _load()
    if args.merge and (Path(args.output) / "latest.json").exists():
        earlier = json.loads((Path(args.output) / "latest.json").read_text())
        kept = {k: v for k, v in earlier.items() if k in SECTIONS and k not in chosen}
        for section in kept.values():
            section.setdefault("measured", earlier.get("started"))
        results = {**results, **kept}
        results["settings"]["sections"] = [s for s in SECTIONS if s in results]
    results["targets"] = evaluate_targets(results)

    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    (output / "latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (output / "latest.md").write_text(markdown(results))
    print(f"[bench] wrote {output / 'latest.json'} and {output / 'latest.md'}", file=sys.stderr)
    return 0


# -- sections ----------------------------------------------------------------------------------
def _collection(quick: bool) -> dict[str, Any]:
    from benchmarks import collection

    return collection.run(quick)


def _breadth(quick: bool) -> dict[str, Any]:
    from benchmarks import breadth_bench

    return breadth_bench.run(quick)


def _sandbox(quick: bool) -> dict[str, Any]:
    from benchmarks import sandbox_bench

    return sandbox_bench.run(quick)


def _access(quick: bool) -> dict[str, Any]:
    from benchmarks import access_bench

    return access_bench.run(quick)


def _checks(quick: bool) -> dict[str, Any]:
    from benchmarks import checks_bench

    return checks_bench.run(quick)


def _diff(quick: bool) -> dict[str, Any]:
    from benchmarks import diff_bench

    return diff_bench.run(quick)


def _scale(quick: bool) -> dict[str, Any]:
    from benchmarks import scale_bench

    return scale_bench.run(quick)


def _render(quick: bool) -> dict[str, Any]:
    try:
        from benchmarks.render_bench import main as render_main
    except ImportError as exc:
        return {"available": False, "reason": f"benchmarks/render_bench.py: {exc}"}
    return {"available": True, **render_main()}


def _report(quick: bool) -> dict[str, Any]:
    """``toolkit report audit --demo -o DIR`` in a subprocess, timed end to end."""
    toolkit_command = Path(sys.executable).with_name("toolkit")
    command = (
        [str(toolkit_command)]
        if toolkit_command.exists()
        else [sys.executable, "-c", "import sys; from toolkit.cli import main; sys.exit(main())"]
    )
    probe = subprocess.run([*command, "report", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        return {"available": False, "reason": "`toolkit report` is not available: " + _tail(probe)}
    with tempfile.TemporaryDirectory(prefix="report-bench-") as output:
        clock = time.perf_counter()
        try:
            done = subprocess.run(
                [*command, "report", "audit", "--demo", "-o", output],
                capture_output=True,
                text=True,
                timeout=REPORT_TIMEOUT_S,
                cwd=ROOT,
            )
        except subprocess.TimeoutExpired:
            return {"available": True, "error": f"did not finish in {REPORT_TIMEOUT_S} s"}
        seconds = round(time.perf_counter() - clock, 2)
        files = sorted(p.name for p in Path(output).iterdir())
        sizes = {p.name: p.stat().st_size for p in Path(output).iterdir() if p.is_file()}
    result: dict[str, Any] = {
        "available": True,
        "command": "toolkit report audit --demo -o DIR",
        "seconds": seconds,
        "exit_code": done.returncode,
        "files": files,
        "bytes": sizes,
    }
    if done.returncode != 0:
        result["error"] = f"exit {done.returncode}: {_tail(done)}"
    return result


# -- machine, versions, settings ------------------------------------------------------------
def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "memory_gb": _memory_gb(),
        "load_average_start": _load(),
        "openblas_env": {
            key: os.environ.get(key) for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
        },
    }
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [
                line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")
            ]
        if names:
            info["cpu_model"] = names[0]
    except OSError:
        pass
    return info


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in ("aws-estate-toolkit", *PACKAGES):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def settings(quick: bool, sections: list[str]) -> dict[str, Any]:
    from benchmarks import checks_bench, collection

    return {
        "quick": quick,
        "sections": sections,
        "collection": {
            "estate": {
                **collection.estate_parameters(quick),
                "regions": list(collection.ESTATE["regions"]),
            },
            "latency_ms": collection.LATENCY_MS,
            "probe_concurrency": list(collection.PROBE_CONCURRENCY),
            "probe_seconds": collection.PROBE_SECONDS,
            "toolkit": "toolkit.collect_sync(sandbox.scope(), tables=FOUNDATION_TABLES, "
            "progress=False): the 42 tables the baseline reads",
            "baseline": "benchmarks/baseline_boto3.py: sequential boto3",
        },
        "checks": {
            "sizes": list(checks_bench.QUICK_SIZES if quick else checks_bench.SIZES),
            "inventory": "demo estate replicated (see benchmarks/checks_bench.py)",
        },
        "report": "toolkit report audit --demo -o DIR",
        "sandbox": "Sandbox(estate).start() and .stop(); median of 3 warm starts, 1 cold",
        "breadth": "demo estate: the toolkit of BEFORE_COMMIT (42 tables), today's on the same 42 and "
        "on every table, alternating, median of 3",
    }


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _load() -> list[float] | None:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return None


def _tail(done: subprocess.CompletedProcess[str]) -> str:
    lines = (done.stderr or done.stdout or "").strip().splitlines()
    return " | ".join(lines[-4:])


def _short(section: dict[str, Any]) -> str:
    if "error" in section:
        return "error: " + section["error"].splitlines()[0]
    return f"done in {section.get('section_s')} s"


# -- targets -----------------------------------------------------------------------------------
def _lookup(section: dict[str, Any], key: str) -> Any:
    if key.startswith("1000000."):
        sized = section.get("sizes", {}).get("1000000") or {}
        return sized.get(key.split(".", 1)[1])
    if "." in key:  # estate.figure
        estate, figure = key.split(".", 1)
        return (section.get(estate) or {}).get(figure)
    return section.get(key)


def evaluate_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue: the measured value and whether it is met (None: not measured)."""
    rows = []
    for section_name, key, op, limit, meaning in TARGETS:
        section = results.get(section_name) or {}
        value: Any = None
        if "error" not in section:
            if key == "api_calls":
                calls = section.get("api_calls") or {}
                value, limit = calls.get("toolkit"), calls.get("baseline")
            elif key == "linear":
                steps = (section.get("growth") or {}).get("steps") or []
                value = max((s["time_per_resource_x"] for s in steps), default=None)
            else:
                value = _lookup(section, key)
        met = None
        if value is not None and limit is not None:
            met = {
                ">=": value >= limit,
                "<=": value <= limit,
                "<": value < limit,
            }[op]
        rows.append(
            {
                "section": section_name,
                "key": key,
                "target": f"{op} {limit}",
                "value": value,
                "met": met,
                "meaning": meaning,
            }
        )
    return rows


# -- markdown ----------------------------------------------------------------------------------
def markdown(results: dict[str, Any]) -> str:
    from benchmarks import report_md

    return report_md.render(results)


if __name__ == "__main__":
    sys.exit(main())
