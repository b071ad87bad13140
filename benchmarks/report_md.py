"""``latest.md``: the run's numbers, read by a person. Every figure comes from the results dict
that ``run.py`` measured and also writes as ``latest.json``; the notes on what bounds a missed
target are computed from those figures too."""

from __future__ import annotations

from typing import Any


def render(results: dict[str, Any]) -> str:
    out: list[str] = []
    out += [
        "# Benchmarks: latest run",
        "",
        "Written by `make bench` (`python benchmarks/run.py`); the same numbers are in "
        "`latest.json`. Not part of the test pass: nothing here fails the build.",
        "",
        f"- Started {results.get('started')}, finished {results.get('finished')}.",
        f"- Load average at start {results['machine'].get('load_average_start')}, at end "
        f"{results.get('load_average_end')} (other work on the machine shows here).",
    ]
    kept = {
        name: section.get("measured")
        for name, section in results.items()
        if isinstance(section, dict)
        and section.get("measured")
        and str(section["measured"]) < str(results.get("started"))
    }
    if kept:
        out += [
            "- Kept from earlier runs (`--merge`): "
            + ", ".join(f"{name} (measured {when})" for name, when in kept.items())
            + "."
        ]
    out += [""]
    out += _machine(results)
    out += _targets(results)
    out += _collection(results.get("collection"))
    out += _breadth(results.get("breadth"))
    out += _access(results.get("access"))
    out += _checks(results.get("checks"))
    out += _render_section(results.get("render"))
    out += _report(results.get("report"))
    out += _sandbox(results.get("sandbox"))
    out += _diff(results.get("diff"))
    out += _scale(results.get("scale"))
    return "\n".join(out).rstrip() + "\n"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("|", "\\|")


def _machine(results: dict[str, Any]) -> list[str]:
    machine, versions, settings = results["machine"], results["versions"], results["settings"]
    rows = [
        ["CPUs", machine.get("cpu_count")],
        ["CPU", machine.get("cpu_model") or machine.get("processor")],
        ["memory (GB)", machine.get("memory_gb")],
        ["platform", machine.get("platform")],
        ["python", f"{machine.get('python')} ({machine.get('implementation')})"],
        ["OPENBLAS_CORETYPE / L2_SIZE", _openblas(machine.get("openblas_env") or {})],
    ]
    rows += [[name, version] for name, version in versions.items()]
    out = ["## Machine and versions", ""] + _table(["", ""], rows)
    collection = settings.get("collection", {})
    estate = collection.get("estate", {})
    out += [
        "## Settings",
        "",
        f"- Sections: {', '.join(settings.get('sections', []))}"
        + (" (quick: small sizes)" if settings.get("quick") else "")
        + ".",
        f"- Collection: synthetic estate of {estate.get('accounts')} accounts over "
        f"{', '.join(estate.get('regions', []))}; per account {estate.get('buckets')} buckets, "
        f"{estate.get('instances')} instances, {estate.get('users')} IAM users, "
        f"{estate.get('roles')} roles, {estate.get('assignments')} Identity Center assignments; "
        f"{collection.get('latency_ms')} ms latency on every request; toolkit: "
        f"`{collection.get('toolkit')}`; baseline: {collection.get('baseline')}; probe: "
        f"concurrency {collection.get('probe_concurrency')} for "
        f"{collection.get('probe_seconds')} s each.",
        f"- Checks: {settings.get('checks', {}).get('inventory')}; sizes "
        f"{settings.get('checks', {}).get('sizes')} resources.",
        f"- Report: `{settings.get('report')}`.",
        "",
    ]
    return out


def _openblas(env: dict[str, Any]) -> str:
    values = [f"{k}={v}" for k, v in env.items() if v]
    return ", ".join(values) if values else "not set"


def _targets(results: dict[str, Any]) -> list[str]:
    rows = []
    for target in results.get("targets", []):
        status = {True: "met", False: "**missed**", None: "not measured"}[target["met"]]
        rows.append(
            [
                f"{target['section']}: {target['meaning']}",
                f"`{target['key']}` {target['target']}",
                target["value"],
                status,
            ]
        )
    out = ["## Targets", ""] + _table(["target", "rule", "measured", "status"], rows)
    notes = _bounds(results)
    if notes:
        out += ["What bounds each missed target, from this run's figures:", ""]
        out += [f"- {note}" for note in notes] + [""]
    return out


def _bounds(results: dict[str, Any]) -> list[str]:
    notes = []
    missed = {(t["section"], t["key"]) for t in results.get("targets", []) if t["met"] is False}
    c = results.get("collection") or {}
    if ("collection", "speedup") in missed or ("collection", "efficiency") in missed:
        notes += _collection_bounds(c, missed)
    if ("collection", "client_cpu_ms_per_call.toolkit") in missed:
        floor = c.get("call_floor_ms") or {}
        notes.append(
            f"client CPU {(c.get('client_cpu_ms_per_call') or {}).get('toolkit')} ms a call: "
            f"aiobotocore alone spends {floor.get('min_ms')} ms a call on this machine (one "
            f"warm client, the cheapest question, `call_floor_ms`), which is above the target; "
            f"the rest is client creation ({c.get('client_create_ms')} ms a client), pages "
            "and rows."
        )
    k = results.get("checks") or {}
    if ("checks", "1000000.checks_s") in missed or ("checks", "1000000.peak_mb") in missed:
        big = (k.get("sizes") or {}).get("1000000") or {}
        slow = big.get("slowest_checks_s") or {}
        listed = ", ".join(f"`{name}` {seconds:.1f} s" for name, seconds in slow.items())
        share = sum(slow.values()) / big["checks_s"] if big.get("checks_s") else 0
        notes.append(
            f"checks at 1M: {big.get('checks_s')} s and {big.get('peak_mb')} MB peak. The slowest "
            f"checks, each run alone: {listed} ({share:.0%} of the run between them, counted "
            "alone). Each is linear but does per-group Python work (a `groupby(...).agg(lambda)` "
            "or `apply` per account or bucket), which is what dominates at this size."
        )
    for key in ("org_500_accounts_s", "network_2000_instances_s"):
        if ("render", key) in missed:
            notes.append(f"render `{key}`: {(results.get('render') or {}).get(key)} s.")
    if ("report", "seconds") in missed:
        notes.append(f"report: {(results.get('report') or {}).get('seconds')} s end to end.")
    return notes


def _collection_bounds(c: dict[str, Any], missed: set[tuple[str, str]]) -> list[str]:
    notes = []
    calls = c.get("api_calls") or {}
    toolkit = c.get("toolkit") or {}
    bound = c.get("bound") or {}
    if not calls.get("toolkit") or not calls.get("baseline") or not c.get("toolkit_s"):
        return notes
    per_call = 1000 * c["baseline_s"] / calls["baseline"]
    cpu_ms = (c.get("client_cpu_ms_per_call") or {}).get("toolkit")
    cpu_share = toolkit.get("cpu_s", 0) / c["toolkit_s"]
    best_speedup = c["baseline_s"] / c["lower_bound_s"] if c.get("lower_bound_s") else None
    rate = calls["toolkit"] / c["toolkit_s"]
    if ("collection", "speedup") in missed:
        notes.append(
            f"speedup {c.get('speedup')}: the loop spends {per_call:.1f} ms a call "
            f"({c.get('latency_ms')} ms latency plus the sandbox's and the client's work) over "
            f"{calls['baseline']} calls; the toolkit made {calls['toolkit']} calls at "
            f"{rate:.0f} a second. Even at the lower bound ({c.get('lower_bound_s')} s) the "
            f"speedup would be {best_speedup:.1f}"
            + (
                ", so the sandbox's own capacity "
                f"({bound.get('capacity_requests_per_s')} requests a second of its cheapest "
                "request, one Python process) rules out 20 on this machine whatever the client "
                "does."
                if best_speedup is not None and best_speedup < 20
                else "; the gap is the toolkit's, below."
            )
        )
    server_cpu = toolkit.get("server_cpu_s")
    probe_rate = bound.get("capacity_requests_per_s")
    if server_cpu and probe_rate:
        floor = max(server_cpu, toolkit.get("cpu_s") or 0)
        notes.append(
            f"the sandbox spent {server_cpu} s of CPU serving the toolkit's {calls['toolkit']} "
            f"requests ({1000 * server_cpu / calls['toolkit']:.2f} ms each, against "
            f"{1000 / probe_rate:.2f} ms for the probe's GetCallerIdentity), and the toolkit "
            f"{toolkit.get('cpu_s')} s: no client on this machine finishes before the larger "
            f"({floor:.1f} s), so with this sandbox `efficiency` is at most "
            f"{c['lower_bound_s'] / floor:.2f} and `speedup` at most "
            f"{c['baseline_s'] / floor:.1f}, and only with the two processes on their own cores "
            "(the load average above shows the machine was shared)."
        )
    if ("collection", "efficiency") in missed or ("collection", "speedup") in missed:
        server = toolkit.get("server_cpu_s")
        notes.append(
            f"efficiency {c.get('efficiency')}: the toolkit took {c['toolkit_s']} s against a "
            f"bound of {c.get('lower_bound_s')} s ({bound.get('bounded_by')}). Its process used "
            f"{toolkit.get('cpu_s')} s of CPU ({cpu_ms} ms a call; {cpu_share:.0%} of its wall "
            f"time) on its one event-loop thread, and the sandbox {server} s of CPU: "
            + (
                "the client's CPU per call is what bounds it (one core is a ceiling of "
                f"{1000 / cpu_ms:.0f} calls a second at {cpu_ms} ms a call)."
                if cpu_share >= 0.6 and cpu_ms
                else "neither process was busy all the time, so part of the time is spent "
                "waiting: concurrency limits, dependent steps, or the two processes "
                "taking turns on the two cores."
            )
        )
    return notes


def _collection(c: dict[str, Any] | None) -> list[str]:
    out = ["## Collection (`collection`)", ""]
    if not c:
        return out + ["Not run.", ""]
    if "error" in c:
        return out + [f"Error: `{c['error']}`", "", "```", c.get("traceback", ""), "```", ""]
    calls = c.get("api_calls") or {}
    cpu = c.get("client_cpu_ms_per_call") or {}
    toolkit, baseline = c.get("toolkit") or {}, c.get("baseline") or {}
    bound = c.get("bound") or {}
    resources = c.get("resources") or {}
    out += [
        f"Estate: {resources.get('accounts')} accounts, {resources.get('buckets')} buckets, "
        f"{resources.get('instances')} instances, {resources.get('users')} IAM users, "
        f"{resources.get('roles')} roles, {resources.get('assignments')} assignments "
        f"(seeded in {c.get('seed_s')} s, without latency); {c.get('latency_ms')} ms a request.",
        "",
    ]
    out += _table(
        ["", "toolkit", "baseline (boto3 loop)"],
        [
            ["wall seconds (`toolkit_s`, `baseline_s`)", c.get("toolkit_s"), c.get("baseline_s")],
            ["API calls (`api_calls`)", calls.get("toolkit"), calls.get("baseline")],
            ["client CPU seconds", toolkit.get("cpu_s"), baseline.get("cpu_s")],
            [
                "client CPU ms a call (`client_cpu_ms_per_call`)",
                cpu.get("toolkit"),
                cpu.get("baseline"),
            ],
            ["sandbox CPU seconds", toolkit.get("server_cpu_s"), baseline.get("server_cpu_s")],
        ],
    )
    out += [
        f"Client creation: `client_create_ms` {c.get('client_create_ms')} ms of CPU a client "
        f"(median of {(c.get('client_creation') or {}).get('clients')}, warm process); "
        f"`connects_per_call` {c.get('connects_per_call')} TCP connections a call. "
        f"aiobotocore's own floor, one warm client asking one cheap question over and over: "
        f"{(c.get('call_floor_ms') or {}).get('per_operation_ms')} ms of CPU a call "
        "(`call_floor_ms`, `benchmarks/client_costs.py`).",
        "",
    ]
    out += _table(
        ["key", "value"],
        [
            ["`speedup` (baseline / toolkit)", c.get("speedup")],
            ["`lower_bound_s`", c.get("lower_bound_s")],
            ["`efficiency` (bound / toolkit)", c.get("efficiency")],
            ["longest dependent chain (requests)", bound.get("chain_requests")],
            ["chain x latency (s)", bound.get("chain_s")],
            ["sandbox capacity (requests/s, probe)", bound.get("capacity_requests_per_s")],
            ["requests / capacity (s)", bound.get("capacity_s")],
            ["bounded by", bound.get("bounded_by")],
            ["toolkit errors, retries", f"{c.get('toolkit_errors')}, {c.get('toolkit_retries')}"],
        ],
    )
    out += [
        f"The longest chain ({bound.get('chain_table')}): "
        + " → ".join(bound.get("chain") or [])
        + ". It is derived from the collection's structure (see `benchmarks/collection.py`): "
        "the run's start (GetCallerIdentity, ListAccounts pages), then each table's dependent "
        "steps, optional steps counted only when the run made them.",
        "",
        "Probe: pre-signed STS GetCallerIdentity over aiohttp; "
        + "; ".join(
            f"{level['concurrency']} in flight: {level['requests_per_s']} requests/s "
            f"({level['served']} served, {level['failed']} failed)"
            for level in (bound.get("probe") or {}).get("levels", {}).values()
        )
        + ".",
        "",
        "Most frequent calls: toolkit "
        + _ops((c.get("top_operations") or {}).get("toolkit"))
        + "; baseline "
        + _ops((c.get("top_operations") or {}).get("baseline"))
        + ".",
        "",
    ]
    rows = c.get("rows") or {}
    differ = [
        [name, rows["toolkit"].get(name, 0), rows["baseline"].get(name, 0)]
        for name in sorted(set(rows.get("toolkit", {})) | set(rows.get("baseline", {})))
        if rows["toolkit"].get(name, 0) != rows["baseline"].get(name, 0)
    ]
    if rows:
        out += [
            f"Rows: the toolkit's {sum(rows['toolkit'].values()):,} and the baseline's "
            f"{sum(rows['baseline'].values()):,} over {len(rows['toolkit'])} tables; "
            + ("they agree table by table." if not differ else "tables whose counts differ:"),
            "",
        ]
        if differ:
            out += _table(["table", "toolkit", "baseline"], differ)
    return out


def _ops(operations: dict[str, int] | None) -> str:
    return ", ".join(f"{name} {count}" for name, count in list((operations or {}).items())[:6])


def _checks(k: dict[str, Any] | None) -> list[str]:
    out = ["## Checks (`checks`)", ""]
    if not k:
        return out + ["Not run.", ""]
    if "error" in k:
        return out + [f"Error: `{k['error']}`", "", "```", k.get("traceback", ""), "```", ""]
    template = k.get("template") or {}
    out += [
        f"`run_checks` over the demo estate's inventory ({template.get('rows')} rows, collected "
        "from the sandbox) replicated to each size; each size in its own process.",
        "",
    ]
    rows = []
    for size, m in (k.get("sizes") or {}).items():
        if "error" in m:
            rows.append([size, "error: " + m["error"], None, None, None, None])
            continue
        rows.append(
            [
                m.get("resources"),
                m.get("checks_s"),
                m.get("peak_mb"),
                m.get("inventory_rss_mb"),
                m.get("findings"),
                m.get("build_s"),
            ]
        )
    out += _table(
        ["resources", "seconds", "peak MB", "MB before checks", "findings", "build s"], rows
    )
    steps = (k.get("growth") or {}).get("steps") or []
    if steps:
        out += _table(
            ["from → to", "resources ×", "time ×", "time per resource ×", "memory ×"],
            [
                [
                    f"{s['from']:,} → {s['to']:,}",
                    s["resources_x"],
                    s["time_x"],
                    s["time_per_resource_x"],
                    s["memory_x"],
                ]
                for s in steps
            ],
        )
    for size, m in (k.get("sizes") or {}).items():
        slow = m.get("slowest_checks_s") or {}
        if slow:
            out.append(
                f"- slowest checks at {int(size):,} (each run alone): "
                + ", ".join(f"`{n}` {s} s" for n, s in slow.items())
            )
    out.append("")
    peak = next(iter((k.get("sizes") or {}).values()), {}).get("peak_source")
    if peak:
        out += [f"Peak memory: {peak}, so it includes the inventory the checks read.", ""]
    return out


def _render_section(r: dict[str, Any] | None) -> list[str]:
    out = ["## Diagrams (`render`)", ""]
    if not r:
        return out + ["Not run.", ""]
    if "error" in r:
        return out + [f"Error: `{r['error']}`", ""]
    if not r.get("available", True):
        return out + [f"Not available: {r.get('reason')}.", ""]
    rows = [[k, v] for k, v in r.items() if k not in ("available", "section_s")]
    return out + _table(["diagram", "seconds"], rows)


def _breadth(b: dict[str, Any] | None) -> list[str]:
    out = ["## Breadth on the demo estate (`breadth`)", ""]
    if not b:
        return out + ["Not run.", ""]
    if "error" in b:
        return out + [f"Error: `{b['error']}`", ""]
    names = (
        (f"before (toolkit at {b.get('before_commit')})", "before"),
        ("today, the same 42 tables", "foundation"),
        ("today, every table", "all"),
    )
    rows = [
        [label, f.get("tables"), f.get("rows"), f.get("calls"), f.get("errors"), f.get("wall_s")]
        for label, key in names
        if (f := b.get(key))
    ]
    out += _table(["collection", "tables", "rows", "API calls", "errors", "wall_s"], rows)
    if "all_over_before" in b:
        out += [
            f"Every table today takes {b['all_over_before']}x the time the 42 tables took before "
            f"issue 16, and {b.get('all_over_foundation')}x today's time for those 42 (median "
            f"of {b.get('runs')} alternating runs each, after one warm-up).",
            "",
            "Operations the 42 tables call a different number of times than before "
            f"({b.get('units')} account-region units; more than one more call a unit would "
            "grow with the resources):",
            "",
        ]
        changes = b.get("calls_changed") or []
        out += _table(
            ["operation", "before", "now", "grows with resources"],
            [[c["operation"], c["before"], c["now"], c["grows_with_resources"]] for c in changes],
        )
    else:
        out += [f"Before: {b.get('before_unavailable')}.", ""]
    return out


def _access(a: dict[str, Any] | None) -> list[str]:
    out = ["## Effective access (`access`)", ""]
    if not a:
        return out + ["Not run.", ""]
    if "error" in a:
        return out + [f"Error: `{a['error']}`", ""]
    rows = [
        [name, a[name].get("cold_s"), a[name].get("warm_s"), a[name].get("rows")]
        for name in ("effective", "paths_to_admin")
        if name in a
    ]
    out += [
        f"Over the {a.get('accounts')}-account synthetic estate "
        f"({', '.join(f'{k} {v}' for k, v in (a.get('rows') or {}).items() if k.startswith('iam.'))}), "
        f"measured {a.get('measured')}. Each run on a fresh copy of the inventory, so nothing "
        "is reused; cold is the first run in the process (policy parsing and the action "
        "catalogue included), warm the median of the others.",
        "",
    ]
    return out + _table(["function", "cold_s", "warm_s", "rows"], rows)


def _report(r: dict[str, Any] | None) -> list[str]:
    out = ["## Report (`report`)", ""]
    if not r:
        return out + ["Not run.", ""]
    if not r.get("available", True):
        return out + [f"Not available: {r.get('reason')}.", ""]
    if "error" in r and "seconds" not in r:
        return out + [f"Error: `{r['error']}`", ""]
    out += [
        f"`{r.get('command')}`: {r.get('seconds')} s end to end (exit {r.get('exit_code')}); "
        f"wrote {', '.join(r.get('files') or [])}.",
        "",
    ]
    if "error" in r:
        out += [f"Error: `{r['error']}`", ""]
    return out


def _sandbox(section: dict[str, Any] | None) -> list[str]:
    if not section:
        return []
    out = ["## Sandbox start and stop", ""]
    if "error" in section:
        return out + [f"Failed: {section['error']}", ""]
    rows = [
        [name, figures.get("start_s"), figures.get("cold_start_s"), figures.get("stop_s")]
        for name, figures in section.items()
        if isinstance(figures, dict)
    ]
    out += _table(["estate", "start_s (warm)", "cold_start_s", "stop_s"], rows)
    return out + [
        "Warm: restored from the saved estate; cold: seeded through the AWS APIs and saved "
        "(the first start on a machine, or after the estate, moto or the sandbox changed).",
        "",
    ]


def _diff(section: dict[str, Any] | None) -> list[str]:
    from benchmarks import diff_bench

    return diff_bench.markdown(section)


def _scale(section: dict[str, Any] | None) -> list[str]:
    from benchmarks import scale_bench

    return scale_bench.markdown(section or {})
