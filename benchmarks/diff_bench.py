"""The diff at scale: ``toolkit.diff`` of two inventories of 1M rows each.

The inventories are built, not collected: four tables of the real registry
(``ec2.instances``, ``ec2.security_group_rules``, ``s3.buckets``, ``iam.roles``) share the
rows, every declared column is filled (ids, ARNs, JSON lists and maps as the collectors write
them, timestamps, booleans and nullable ints, some missing) and cast with
``toolkit.collectors.base.conform``, so the dtypes are the ones a collection gives. The new
inventory is the old one with 1% of each table's rows removed, 1% added and 2% changed in one
to three of a few columns (strings, JSON text, booleans, ints, values appearing and vanishing),
and ``iam.roles.last_used_date`` moved on 5% of the roles: an activity column, which the diff
leaves out. With findings, 200k findings a side move in each way the diff knows (new,
resolved, still failing, newly muted, unmuted) in planted numbers.

Each measurement runs in its own process (``python -m benchmarks.diff_bench measure ROWS
MODE``): the inventories (and findings) are built, the process's peak resident memory is reset
to the current one (``/proc/self/clear_refs``), ``toolkit.diff`` is timed and the peak read
(``VmHWM`` from ``/proc/self/status``): that peak includes the two inventories, which the diff
holds. The bench then checks that the diff found exactly what was planted: a wrong count is
this section's error, not a number. Not a test: nothing here fails the build.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.child import measure_in_child

ROWS = 1_000_000
QUICK_ROWS = 100_000
FINDINGS = 200_000
QUICK_FINDINGS = 20_000
TIMEOUT_S = 900
TARGET_S = 30
TARGET_GB = 4
#: Each table's share of the rows, and the columns whose values the new inventory changes.
TABLES = {
    "ec2.instances": (0.30, ("state", "instance_type", "tags", "public_ip")),
    "ec2.security_group_rules": (0.40, ("cidr_ipv4", "to_port", "open_to_internet")),
    "s3.buckets": (0.15, ("versioning", "policy", "pab_block_public_acls")),
    "iam.roles": (0.15, ("attached_policy_arns", "max_session_duration", "trusted_accounts")),
}
ADDED, REMOVED, CHANGED, ACTIVITY = 0.01, 0.01, 0.02, 0.05
ACCOUNTS = [f"{100000000000 + 7919 * i:012d}" for i in range(500)]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
BASE_TIME = np.datetime64("2024-01-01T00:00:00", "s")


def run(quick: bool = False) -> dict[str, Any]:
    """The ``diff`` section: tables only, then tables and findings, each in its own process."""
    rows, findings = (QUICK_ROWS, QUICK_FINDINGS) if quick else (ROWS, FINDINGS)
    tables = _measure_in_child(rows, 0)
    with_findings = _measure_in_child(rows, findings)
    for run_name, part in (("tables only", tables), ("with findings", with_findings)):
        if "error" in part:
            raise RuntimeError(f"{run_name}: {part['error']}")
    seconds, peak = with_findings["diff_s"], max(tables["peak_gb"], with_findings["peak_gb"])
    return {
        "diff_rows": rows,
        "findings_rows": findings,
        "diff_seconds": seconds,
        "diff_tables_seconds": tables["diff_s"],
        "diff_shuffled_seconds": tables.get("shuffled_diff_s"),
        "diff_peak_rss_gb": peak,
        "target_met": seconds < TARGET_S and peak < TARGET_GB,
        "tables_only": tables,
        "with_findings": with_findings,
        "peak_source": "VmHWM of the measuring process, reset after the build: the two "
        "inventories plus the diff's own memory",
    }


def _measure_in_child(rows: int, findings: int) -> dict[str, Any]:
    return measure_in_child("benchmarks.diff_bench", [str(rows), str(findings)], TIMEOUT_S)


def measure(rows: int, findings: int) -> dict[str, Any]:
    """In this process: build both sides, time ``toolkit.diff``, check it found the planted."""
    import gc

    import toolkit

    started = time.perf_counter()
    old, new, planted = build_inventories(rows)
    old_findings = new_findings = None
    if findings:
        old_findings, new_findings, planted["findings"] = build_findings(findings)
    build_s = time.perf_counter() - started
    gc.collect()
    rss_before = _status_gb("VmRSS")
    reset = _reset_peak()
    started, cpu = time.perf_counter(), time.process_time()
    if findings:
        result = toolkit.diff(old, new, old_findings=old_findings, new_findings=new_findings)
    else:
        result = toolkit.diff(old, new, findings=False)
    diff_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    peak = _status_gb("VmHWM") if reset else None
    verify(result, planted)
    facts = {
        "old_rows": int(sum(len(old[name]) for name in old.tables)),
        "new_rows": int(sum(len(new[name]) for name in new.tables)),
        "findings_rows": findings,
        "build_s": round(build_s, 2),
        "diff_s": round(diff_s, 2),
        "diff_cpu_s": round(cpu_s, 2),
        "inventories_rss_gb": rss_before,
        "peak_gb": peak,
        "changes": len(result.changes),
        "finding_changes": len(result.findings),
        "planted": {k: v for k, v in planted.items() if k != "columns"},
    }
    if not findings:  # the same changes, the new rows in another order (collections vary)
        frames = {n: new[n].sample(frac=1, random_state=7, ignore_index=True) for n in new.tables}
        started = time.perf_counter()
        again = toolkit.diff(old, toolkit.Inventory(frames, None, new.meta), findings=False)
        facts["shuffled_diff_s"] = round(time.perf_counter() - started, 2)
        verify(again, planted)
    return facts


# -- the two inventories -----------------------------------------------------------------------
def build_inventories(rows: int, seed: int = 18) -> tuple[Any, Any, dict[str, Any]]:
    """Old and new inventories of ``rows`` rows each, and what was planted between them."""
    from toolkit.inventory import Inventory

    rng = np.random.default_rng(seed)
    old_frames, new_frames, planted = {}, {}, {"tables": {}, "columns": {}}
    for name, (share, changing) in TABLES.items():
        size = int(rows * share)
        old = make_rows(name, np.arange(size), rng)
        removed = rng.choice(size, int(size * REMOVED), replace=False)
        kept = np.setdiff1d(np.arange(size), removed)
        changed = rng.choice(kept, int(size * CHANGED), replace=False)
        new = old.copy()
        which = rng.random((len(changed), len(changing))) < 0.4
        which[np.arange(len(changed)), rng.integers(0, len(changing), len(changed))] = True
        for position, column in enumerate(changing):
            rows_here = changed[which[:, position]]
            new[column] = _changed(new[column], rows_here)
            planted["columns"][(name, column)] = len(rows_here)
        if name == "iam.roles":  # an activity column: moves, and the diff must not see it
            moved = rng.choice(kept, int(size * ACTIVITY), replace=False)
            new["last_used_date"] = _changed(new["last_used_date"], moved)
        added = make_rows(name, np.arange(size, size + int(size * ADDED)), rng)
        new = pd.concat([new.iloc[kept], added], ignore_index=True)
        old_frames[name], new_frames[name] = old, new
        planted["tables"][name] = {
            "added": len(added),
            "removed": len(removed),
            "changed": len(changed),
            "values": int(which.sum()),
        }
    meta = {"benchmark": "diff", "rows": rows}
    return Inventory(old_frames, None, meta), Inventory(new_frames, None, meta), planted


def make_rows(name: str, ids: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Rows ``ids`` of table ``name``: every declared column, in its declared dtype."""
    from toolkit.collectors.base import REGISTRY, conform

    table = REGISTRY[name]
    n = len(ids)
    account = np.asarray(ACCOUNTS, dtype=object)[ids % len(ACCOUNTS)]
    region = np.asarray(REGIONS, dtype=object)[(ids // len(ACCOUNTS)) % len(REGIONS)]
    if name == "s3.buckets" or name == "iam.roles":
        region = np.full(n, "global" if name == "iam.roles" else "us-east-1", dtype=object)
    data: dict[str, Any] = {"account_id": account, "region": region}
    data.update(_specific(name, ids, account, rng))
    for column in table.columns:
        if column.name not in data:
            data[column.name] = _filler(column.dtype, n, rng)
    return conform(pd.DataFrame(data), table.dtypes)


def _specific(
    name: str, ids: np.ndarray, account: np.ndarray, rng: np.random.Generator
) -> dict[str, Any]:
    """The columns whose shape matters: keys, ARNs, and the JSON lists and maps."""
    n = len(ids)
    hexes = [f"{i:017x}" for i in ids.tolist()]
    if name == "ec2.instances":
        names = [f"web-{i}" for i in ids.tolist()]
        return {
            "instance_id": [f"i-{h}" for h in hexes],
            "arn": [
                f"arn:aws:ec2:us-east-1:{a}:instance/i-{h}"
                for a, h in zip(account, hexes, strict=True)
            ],
            "name": names,
            "state": _pick(["running", "running", "running", "stopped"], n, rng),
            "instance_type": _pick(["t3.micro", "m5.large", "c6g.xlarge", "r6i.2xlarge"], n, rng),
            "public_ip": _pick([None, None, "54.12.3.4", "3.250.1.9"], n, rng),
            "security_group_ids": [f'["sg-{h[:8]}", "sg-{h[9:]}"]' for h in hexes],
            "tags": [f'{{"Name": "{v}", "env": "prod", "team": "payments"}}' for v in names],
        }
    if name == "ec2.security_group_rules":
        ports = rng.choice([22, 80, 443, 3389, 5432], n)
        return {
            "security_group_rule_id": [f"sgr-{h}" for h in hexes],
            "group_id": [f"sg-{i // 8:017x}" for i in ids.tolist()],
            "from_port": ports,
            "to_port": ports,
            "cidr_ipv4": _pick(["10.0.0.0/8", "0.0.0.0/0", "192.168.1.0/24", None], n, rng),
        }
    if name == "s3.buckets":
        bucket = [f"data-{h}" for h in hexes]
        return {
            "name": bucket,
            "arn": [f"arn:aws:s3:::{b}" for b in bucket],
            "versioning": _pick(["Enabled", "Suspended", None], n, rng),
            "policy": [
                '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
                f'{{"AWS": "arn:aws:iam::{a}:root"}}, "Action": "s3:GetObject", '
                f'"Resource": "arn:aws:s3:::{b}/*"}}]}}'
                for a, b in zip(account, bucket, strict=True)
            ],
        }
    if name == "iam.roles":
        role = [f"role-{i}" for i in ids.tolist()]
        return {
            "role_name": role,
            "role_id": [f"AROA{h.upper()}" for h in hexes],
            "arn": [f"arn:aws:iam::{a}:role/{r}" for a, r in zip(account, role, strict=True)],
            "trust_policy": [
                '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
                f'{{"AWS": "arn:aws:iam::{a}:root"}}, "Action": "sts:AssumeRole"}}]}}'
                for a in account
            ],
            "trusted_accounts": [f'["{a}"]' for a in account],
            "attached_policy_arns": _pick(
                [
                    "[]",
                    '["arn:aws:iam::aws:policy/ReadOnlyAccess"]',
                    '["arn:aws:iam::aws:policy/AdministratorAccess"]',
                ],
                n,
                rng,
            ),
            "max_session_duration": rng.choice([3600, 7200, 43200], n),
        }
    raise KeyError(name)


def _pick(values: list[Any], n: int, rng: np.random.Generator) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.integers(0, len(values), n)]


def _filler(dtype: str, n: int, rng: np.random.Generator) -> Any:
    """Any other column: a few values of its dtype, some missing."""
    if dtype == "boolean":
        return _pick([True, False, False, None], n, rng)
    if dtype in ("Int64", "float64", "Float64"):
        return pd.array(rng.integers(0, 1000, n), dtype="Int64").astype(dtype)
    if dtype.startswith("datetime64"):
        seconds = rng.integers(0, 3 * 365 * 86400, n)
        stamps = pd.Series(BASE_TIME + seconds, dtype="datetime64[s]").dt.tz_localize("UTC")
        return stamps.where(rng.random(n) > 0.1)
    return _pick(["alpha", "beta", "gamma", None], n, rng)


def _changed(column: pd.Series, rows: np.ndarray) -> pd.Series:
    """``column`` with the values at positions ``rows`` made different (missing ones set)."""
    out = column.copy()
    values = out.iloc[rows]
    missing = values.isna().to_numpy()
    if pd.api.types.is_bool_dtype(out.dtype):
        fresh = (~values).fillna(True)
    elif pd.api.types.is_integer_dtype(out.dtype):
        fresh = (values + 1).fillna(1)
    elif pd.api.types.is_datetime64_any_dtype(out.dtype):
        fresh = (values + pd.Timedelta(days=1)).fillna(pd.Timestamp("2026-11-30", tz="UTC"))
    else:
        fresh = pd.Series(
            [
                "changed" if m else _edited(str(v))
                for v, m in zip(values.tolist(), missing, strict=True)
            ],
            index=values.index,
            dtype=out.dtype,
        )
    out.iloc[rows] = fresh.to_numpy()
    return out


def _edited(value: str) -> str:
    """A JSON list or map with one more entry, any other text with a suffix."""
    if value.startswith("[") and value.endswith("]"):
        return '["changed"]' if value == "[]" else value[:-1] + ', "changed"]'
    if value.startswith("{") and value.endswith("}"):
        return '{"changed": "1"}' if value == "{}" else value[:-1] + ', "changed": "1"}'
    return value + "-changed"


# -- findings ----------------------------------------------------------------------------------
def build_findings(size: int, seed: int = 19) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, int]]:
    """Old and new findings of ``size`` rows each, and the planted count of each change."""
    from toolkit.checks.base import SEVERITIES
    from toolkit.checks.runner import FINDINGS_COLUMNS, SEVERITY_DTYPE, STATUS_DTYPE

    rng = np.random.default_rng(seed)
    ids = np.arange(size + size // 100)
    checks = np.asarray([f"bench_check_{i:02d}" for i in range(50)], dtype=object)
    frame = pd.DataFrame(
        {
            "check_id": checks[ids % 50],
            "title": [f"Bench check {i % 50}" for i in ids.tolist()],
            "severity": np.asarray(SEVERITIES, dtype=object)[(ids % 50) % len(SEVERITIES)],
            "status": _pick(["FAIL"] * 3 + ["PASS"] * 6 + ["MUTED"], len(ids), rng),
            "service": "ec2",
            "account_id": np.asarray(ACCOUNTS, dtype=object)[ids % len(ACCOUNTS)],
            "region": np.asarray(REGIONS, dtype=object)[ids % len(REGIONS)],
            "resource_id": [f"i-{i:017x}" for i in ids.tolist()],
            "resource_arn": [
                f"arn:aws:ec2:us-east-1:123456789012:instance/i-{i:017x}" for i in ids.tolist()
            ],
            "detail": _pick(
                ['{"open": true}', '{"ports": [22, 3389]}', "not encrypted"], len(ids), rng
            ),
            "remediation": "Fix it.",
            "frameworks": "CIS-3.0",
        }
    )
    old, added = frame.iloc[:size].copy(), frame.iloc[size:].copy()
    new = old.copy()
    status = old["status"].to_numpy()
    fail, passing, muted = (np.flatnonzero(status == s) for s in ("FAIL", "PASS", "MUTED"))
    rng.shuffle(fail)
    step = len(fail) // 20
    resolved, gone, newly_muted = fail[:step], fail[step : 2 * step], fail[2 * step : 3 * step]
    unmuted = rng.choice(muted, len(muted) // 10, replace=False)
    failing_now = rng.choice(passing, len(passing) // 50, replace=False)
    new.iloc[resolved, new.columns.get_loc("status")] = "PASS"
    new.iloc[newly_muted, new.columns.get_loc("status")] = "MUTED"
    new.iloc[unmuted, new.columns.get_loc("status")] = "FAIL"
    new.iloc[failing_now, new.columns.get_loc("status")] = "FAIL"
    new = pd.concat([new.drop(new.index[gone]), added], ignore_index=True)
    planted = {
        "new": len(failing_now) + int((added["status"] == "FAIL").sum()),
        "resolved": len(resolved) + len(gone),
        "still failing": len(fail) - 3 * step,
        "newly muted": len(newly_muted),
        "unmuted": len(unmuted),
    }
    dtypes = {c: "string" for c in FINDINGS_COLUMNS}
    dtypes.update(severity=SEVERITY_DTYPE, status=STATUS_DTYPE)
    return old.astype(dtypes), new.astype(dtypes), planted


# -- the check ---------------------------------------------------------------------------------
def verify(result: Any, planted: dict[str, Any]) -> None:
    """Raise unless the diff found exactly the rows, values and findings planted."""
    counts = result.tables.set_index("table")
    wrong = []
    for name, expected in planted["tables"].items():
        for figure in ("added", "removed", "changed"):
            if int(counts.loc[name, figure]) != expected[figure]:
                wrong.append(f"{name} {figure}: {counts.loc[name, figure]} != {expected[figure]}")
    changes = result.changes
    values = changes[changes["change"] == "changed"].groupby(["table", "column"]).size()
    found = {(t, c): int(v) for (t, c), v in values.items()}
    if found != planted["columns"]:
        wrong.append(f"changed values per column {found} != {planted['columns']}")
    if "findings" in planted:
        moved = result.findings["change"].value_counts().to_dict()
        if {k: int(v) for k, v in moved.items() if v} != planted["findings"]:
            wrong.append(f"findings {moved} != {planted['findings']}")
    if wrong:
        raise AssertionError("the diff did not find what was planted: " + "; ".join(wrong))


# -- latest.md ---------------------------------------------------------------------------------
def markdown(section: dict[str, Any] | None) -> list[str]:
    """The ``diff`` section of ``latest.md``."""
    out = ["## Diff (`diff`)", ""]
    if not section:
        return out + ["Not run.", ""]
    if "error" in section:
        return out + [f"Error: `{section['error']}`", ""]
    met = "met" if section.get("target_met") else "not met"
    tables, findings = section["tables_only"], section["with_findings"]
    return out + [
        f"Target under {TARGET_S} s and {TARGET_GB} GB: {met} "
        f"({section['diff_seconds']} s, peak {section['diff_peak_rss_gb']} GB).",
        "",
        f"`toolkit.diff` of two synthetic inventories of {section['diff_rows']:,} rows each "
        f"(ec2.instances, ec2.security_group_rules, s3.buckets, iam.roles in their declared "
        f"dtypes; 1% added, 1% removed, 2% changed; see benchmarks/diff_bench.py), measured "
        f"{section.get('measured')} on a machine of 2 cores shared with other work (see the load "
        "average above). Peak: the measuring process's VmHWM, reset after the build, so it "
        "holds both inventories too. The diff's counts are checked against the planted ones.",
        "",
        "| run | diff_s | diff_cpu_s | peak_gb | inventories_rss_gb | changes | finding changes |",
        "|---|---|---|---|---|---|---|",
        f"| tables only (`findings=False`) | {tables['diff_s']} | {tables.get('diff_cpu_s')} | "
        f"{tables['peak_gb']} | {tables['inventories_rss_gb']} | {tables['changes']:,} | – |",
        f"| with {section['findings_rows']:,} findings a side | {findings['diff_s']} | "
        f"{findings.get('diff_cpu_s')} | {findings['peak_gb']} | {findings['inventories_rss_gb']} | "
        f"{findings['changes']:,} | {findings['finding_changes']:,} |",
        "",
        f"With the new rows in another order (shuffled; collections need not keep one), tables "
        f"only: {tables.get('shuffled_diff_s')} s. diff_cpu_s is the process's CPU time (pyarrow "
        "may use both cores), steadier than wall time on a shared machine.",
        "",
    ]


def _status_gb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024 / 1024, 2)
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
    if sys.argv[1:2] == ["measure"]:
        print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        json.dump(run("--quick" in sys.argv), sys.stdout, indent=2)
        print()
