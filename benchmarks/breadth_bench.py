"""Breadth: what the tables added since the foundations cost on the demo estate.

Issue 16 grew the toolkit from 42 tables (the "foundation" tables below, the ones the boto3
baseline also reads) to many more, under two conditions: the demo estate's collection stays
under twice the time it took when the issue was filed, and the tables that existed make no more
API calls per resource than before. Both are measured here in one run, on one demo sandbox:

- ``before`` is the toolkit as it was then (commit ``BEFORE_COMMIT``, taken from this
  repository's history with ``git archive``) collecting its 42 tables in a child process;
  ``foundation`` is today's toolkit collecting the same 42 tables; ``all`` is today's toolkit
  collecting every table. They alternate, ``RUNS`` times each, after one warm-up of each, and
  the medians are compared: ``all_over_before`` is the issue's ratio, ``all_over_foundation``
  what the new tables cost today's engine. Each time is the collection call alone (imports and
  the sandbox's start are outside it). Without git or the commit (an installed wheel, a shallow
  clone), ``before`` is recorded as unavailable.
- ``calls_changed``: the sandbox's requests per operation of ``before`` and ``foundation`` (the
  same 42 tables, old and new code, the same estate) wherever they differ. An operation that
  grew by more than one call per (account, region) grows with the resources: the issue asks
  for none (``calls_growing_with_resources``).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

RUNS = 3

#: The 42 tables of the toolkit when issue 16 was filed (benchmarks/results of 2026-11-22).
FOUNDATION_TABLES = (
    "cloudtrail.event_selectors",
    "cloudtrail.trails",
    "ec2.ebs_encryption_by_default",
    "ec2.flow_logs",
    "ec2.instances",
    "ec2.internet_gateways",
    "ec2.nat_gateways",
    "ec2.network_acls",
    "ec2.route_tables",
    "ec2.security_group_rules",
    "ec2.security_groups",
    "ec2.subnets",
    "ec2.volumes",
    "ec2.vpcs",
    "iam.access_keys",
    "iam.account_summary",
    "iam.credential_report",
    "iam.groups",
    "iam.mfa_devices",
    "iam.password_policy",
    "iam.policies",
    "iam.policy_attachments",
    "iam.roles",
    "iam.users",
    "kms.keys",
    "lambda.functions",
    "organizations.accounts",
    "organizations.organizational_units",
    "organizations.policies",
    "organizations.policy_targets",
    "organizations.roots",
    "rds.db_clusters",
    "rds.db_instances",
    "rds.db_snapshots",
    "s3.account_public_access_block",
    "s3.buckets",
    "sso.account_assignments",
    "sso.group_memberships",
    "sso.groups",
    "sso.instances",
    "sso.permission_sets",
    "sso.users",
)

#: The toolkit when issue 16 was filed: 42 tables (the benchmark run of 2026-11-22).
BEFORE_COMMIT = "24eb06b"
ROOT = Path(__file__).resolve().parents[1]
#: The child process that times the old toolkit: imports first, then the collection alone.
_BEFORE_SCRIPT = """
import json, sys, time
import toolkit
endpoint, regions = sys.argv[1], sys.argv[2].split(",")
scope = toolkit.Scope(accounts="organization", regions=regions, endpoint_url=endpoint,
                      credentials=("testing", "testing"))
toolkit.collect_sync(scope, progress=False)  # warm-up, as today's toolkit gets
clock = time.perf_counter()
inventory = toolkit.collect_sync(scope, progress=False)
print(json.dumps({"wall_s": time.perf_counter() - clock, "tables": len(inventory.tables),
                  "rows": sum(len(inventory[t]) for t in inventory.tables),
                  "errors": len(inventory.errors)}))
"""


def run(quick: bool = False) -> dict[str, Any]:
    """Time the foundation tables against every table on the demo estate; the ``breadth`` section."""
    import toolkit
    from toolkit.sandbox import Sandbox

    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    runs = 1 if quick else RUNS
    sandbox = Sandbox().start()
    try:
        foundation = [t for t in FOUNDATION_TABLES if t in toolkit.collectors.REGISTRY]
        missing = sorted(set(FOUNDATION_TABLES) - set(foundation))
        scope = sandbox.scope()

        def timed(tables: list[str] | None) -> dict[str, Any]:
            sandbox.reset_counts()
            clock = time.perf_counter()
            inventory = toolkit.collect_sync(scope, tables=tables, progress=False)
            wall = time.perf_counter() - clock
            operations = sandbox.request_counts()
            return {
                "wall_s": wall,
                "calls": sum(operations.values()),
                "operations": operations,
                "tables": len(inventory.tables),
                "rows": sum(len(inventory[name]) for name in inventory.tables),
                "errors": len(inventory.errors),
            }

        timed(None)  # warm-up: imports, the botocore models, the sandbox's first answers
        with tempfile.TemporaryDirectory(prefix="toolkit-before-") as old:
            before_ready = _extract_before(Path(old))
            samples: dict[str, list[dict[str, Any]]] = {"before": [], "foundation": [], "all": []}
            for _ in range(runs):
                if before_ready:
                    sandbox.reset_counts()
                    sample = _time_before(Path(old), sandbox)
                    # the child's warm-up and timed run ask alike: half are the timed run's
                    operations = {k: v // 2 for k, v in sandbox.request_counts().items()}
                    sample.update(calls=sum(operations.values()), operations=operations)
                    samples["before"].append(sample)
                samples["foundation"].append(timed(foundation))
                samples["all"].append(timed(None))
    finally:
        sandbox.stop()

    summary = {name: _summary(rows) for name, rows in samples.items() if rows}
    result: dict[str, Any] = {
        "estate": "demo",
        "runs": runs,
        "before_commit": BEFORE_COMMIT,
        "foundation_tables": len(foundation),
        "foundation_missing": missing,
        **summary,
        "all_over_foundation": round(summary["all"]["wall_s"] / summary["foundation"]["wall_s"], 2),
    }
    if "before" in summary:
        result["all_over_before"] = round(summary["all"]["wall_s"] / summary["before"]["wall_s"], 2)
        units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
        result["calls_changed"] = _calls_changed(
            samples["before"][-1]["operations"], samples["foundation"][-1]["operations"], units
        )
        result["units"] = units
        result["calls_growing_with_resources"] = sum(
            1 for change in result["calls_changed"] if change["grows_with_resources"]
        )
    else:
        result["before_unavailable"] = f"git archive {BEFORE_COMMIT} failed (no git history here)"
    return result


def _calls_changed(before: dict[str, int], now: dict[str, int], units: int) -> list[dict]:
    """The operations the 42 tables call a different number of times than before. One that
    grew by at most one call per (account, region) unit is a new per-unit call (a new column
    read once per account and region), not one per resource."""
    changed = []
    for operation in sorted(set(before) | set(now)):
        old, new = before.get(operation, 0), now.get(operation, 0)
        if old != new:
            changed.append(
                {
                    "operation": operation,
                    "before": old,
                    "now": new,
                    "grows_with_resources": new - old > units,
                }
            )
    return changed


def _extract_before(directory: Path) -> bool:
    """The toolkit package as of ``BEFORE_COMMIT`` under ``directory``; False without git."""
    archive = directory / "before.tar"
    try:
        with archive.open("wb") as out:
            subprocess.run(
                ["git", "-C", str(ROOT), "archive", BEFORE_COMMIT, "toolkit"],
                stdout=out,
                stderr=subprocess.DEVNULL,
                check=True,
            )
        with tarfile.open(archive) as tar:
            tar.extractall(directory, filter="data")
    except (OSError, subprocess.CalledProcessError, tarfile.TarError):
        return False
    return (directory / "toolkit" / "__init__.py").exists()


def _time_before(directory: Path, sandbox: Any) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(directory), "AWS_EC2_METADATA_DISABLED": "true"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _BEFORE_SCRIPT,
            sandbox.endpoint_url,
            ",".join(sandbox.truth.regions),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=directory,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of the timed runs; counts of the last (the same in every run)."""
    return {
        "wall_s": round(statistics.median(r["wall_s"] for r in rows), 3),
        "wall_s_runs": [round(r["wall_s"], 3) for r in rows],
        "calls": rows[-1]["calls"],
        "tables": rows[-1]["tables"],
        "rows": rows[-1]["rows"],
        "errors": rows[-1]["errors"],
    }
