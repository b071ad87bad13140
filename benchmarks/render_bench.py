"""Render times of large synthetic estates: an organization of 500 accounts and a VPC of 2,000
instances, each drawn to a self-contained SVG (graph building, Graphviz layout, icon embedding).

Run ``python benchmarks/render_bench.py``; it prints the seconds (median of a few runs) as JSON.
Not a test: nothing here fails, it measures.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable

REPEATS = 3


def _median_seconds(draw: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        draw()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def main() -> dict[str, float]:
    """Seconds to render each synthetic estate to SVG, from its inventory."""
    from toolkit.render import _synthetic, network, org_chart

    organization = _synthetic.organization(accounts=500)
    vpc = _synthetic.vpc(instances=2000, subnets=20)
    return {
        "org_500_accounts_s": _median_seconds(lambda: org_chart(organization).svg()),
        "network_2000_instances_s": _median_seconds(
            lambda: network(vpc, "300000000000", "us-east-1").svg()
        ),
    }


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    print()
