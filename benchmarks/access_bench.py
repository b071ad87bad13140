"""Effective access and paths to admin over the 20-account benchmark estate.

One sandbox seeded with the collection section's synthetic organization; the tables
``toolkit.access`` reads are collected once, then ``access.effective`` and
``access.paths_to_admin`` are timed on fresh copies of the inventory, so no result is reused:
the first run of each starts with every cache of ``toolkit.access`` cleared (policy parsing and
the action catalogue included: cold), the median of the rest is warm. Not a test: nothing here fails, it measures.
"""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

REPEATS = 3
#: What the access analysis reads beyond its model's tables.
EXTRA_TABLES = ("lambda.functions", "s3.buckets", "kms.keys", "sqs.queues", "sns.topics")


def run(quick: bool = False) -> dict[str, Any]:
    import toolkit
    from toolkit.access.model import TABLES
    from toolkit.sandbox import Sandbox
    from toolkit.sandbox.synthetic import synthetic_estate

    from .collection import estate_parameters

    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    parameters = estate_parameters(quick)
    with Sandbox(estate=synthetic_estate(**parameters)) as sandbox:
        inventory = toolkit.collect_sync(
            sandbox.scope(), tables=[*TABLES, *EXTRA_TABLES], progress=False
        )
    result: dict[str, Any] = {
        "accounts": parameters["accounts"],
        "rows": {name: len(inventory[name]) for name in TABLES if name in inventory.tables},
        "collection_errors": len(inventory.errors),
    }
    for name, measure in (("effective", _effective), ("paths_to_admin", _paths)):
        times, size = [], 0
        from toolkit import access

        access.clear_caches()
        for _ in range(REPEATS):
            copy = toolkit.Inventory(dict(inventory.items()), inventory.errors, inventory.meta)
            started = time.perf_counter()
            size = len(measure(copy))
            times.append(time.perf_counter() - started)
        result[name] = {
            "cold_s": round(times[0], 3),
            "warm_s": round(statistics.median(times[1:]), 3),
            "rows": size,
        }
    return result


def _effective(inventory: Any) -> Any:
    from toolkit import access

    return access.effective(inventory)


def _paths(inventory: Any) -> Any:
    from toolkit import access

    return access.paths_to_admin(inventory)


if __name__ == "__main__":
    import json
    import sys

    json.dump(run("--quick" in sys.argv), sys.stdout, indent=2)
    print()
