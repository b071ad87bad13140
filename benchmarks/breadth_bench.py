"""Breadth: what the tables added since the foundations cost on the demo estate.

Issue 16 grew the toolkit from 42 tables (the "foundation" tables below, the ones the boto3
baseline also reads) to many more, under two conditions: the demo estate's collection stays
under twice the time of the foundations, and the tables that existed make no more API calls per
resource than before. Both are measured here in one run, on one demo sandbox:

- ``foundation`` collects ``FOUNDATION_TABLES``; ``all`` collects every table. They alternate,
  ``RUNS`` times each, after one warm-up collection, and the medians are compared:
  ``all_over_foundation`` is the ratio of wall times.
- ``calls`` counts the sandbox's requests of each: for the foundation tables it is the same
  count whether or not the other tables are collected (the engine shares no calls between
  tables), so ``foundation_calls`` against the 2026-11-22 figure of the collection section
  (``collection.api_calls.toolkit`` over the same 42 tables on the same synthetic estate) is
  the per-resource check; the collection section restricts itself to these tables for it.
"""

from __future__ import annotations

import os
import statistics
import time
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

#: The collection section's API calls over the foundation tables on its synthetic estate,
#: measured on 2026-11-22 before issue 16 (benchmarks/results/latest.json of that run).
FOUNDATION_CALLS_BEFORE = 3047


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
            return {
                "wall_s": wall,
                "calls": sum(sandbox.request_counts().values()),
                "tables": len(inventory.tables),
                "rows": sum(len(inventory[name]) for name in inventory.tables),
                "errors": len(inventory.errors),
            }

        timed(None)  # warm-up: imports, the botocore models, the sandbox's first answers
        samples: dict[str, list[dict[str, Any]]] = {"foundation": [], "all": []}
        for _ in range(runs):
            samples["foundation"].append(timed(foundation))
            samples["all"].append(timed(None))
    finally:
        sandbox.stop()

    summary = {name: _summary(rows) for name, rows in samples.items()}
    return {
        "estate": "demo",
        "runs": runs,
        "foundation_tables": len(foundation),
        "foundation_missing": missing,
        **summary,
        "all_over_foundation": round(summary["all"]["wall_s"] / summary["foundation"]["wall_s"], 2),
        "foundation_calls_before": FOUNDATION_CALLS_BEFORE,
    }


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "wall_s": round(statistics.median(r["wall_s"] for r in rows), 3),
        "wall_s_runs": [round(r["wall_s"], 3) for r in rows],
        "calls": rows[-1]["calls"],
        "tables": rows[-1]["tables"],
        "rows": rows[-1]["rows"],
        "errors": rows[-1]["errors"],
    }
