"""The sandbox's start and stop, for the demo estate and the 20-account benchmark estate.

``start_s`` is what a user waits for with a warm cache: ``Sandbox.start()`` until the endpoint
answers with the estate seeded and its ground truth read (restored from the saved estate, see
``toolkit.sandbox.saved_state``); ``cold_start_s`` is the first start on a machine, which seeds
through the AWS APIs and saves the estate. ``stop_s`` is ``Sandbox.stop()`` until the server
process has ended. Each figure is the median of ``RUNS`` starts (one cold), in a cache directory
of its own so that nothing from an earlier run is reused.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

RUNS = 3


def run(quick: bool = False) -> dict[str, Any]:
    from toolkit.sandbox.synthetic import synthetic_estate

    from .collection import estate_parameters

    estates: dict[str, Any] = {
        "demo": "demo",
        "synthetic_20_accounts": synthetic_estate(**estate_parameters(quick)),
    }
    return {name: measure(estate, 1 if quick else RUNS) for name, estate in estates.items()}


def measure(estate: Any, runs: int) -> dict[str, Any]:
    """Cold start, then ``runs`` warm starts; each stopped and timed."""
    from toolkit.sandbox import Sandbox
    from toolkit.sandbox.saved_state import ENV_VAR

    saved = os.environ.get(ENV_VAR)
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-sandbox-") as cache:
        os.environ[ENV_VAR] = cache
        try:
            cold_start, cold_stop = _start_stop(Sandbox, estate)
            warm = [_start_stop(Sandbox, estate) for _ in range(runs)]
        finally:
            if saved is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = saved
    starts, stops = [s for s, _ in warm], [s for _, s in warm]
    return {
        "start_s": round(statistics.median(starts), 2),
        "stop_s": round(statistics.median(stops + [cold_stop]), 3),
        "cold_start_s": round(cold_start, 2),
        "start_s_runs": [round(s, 2) for s in starts],
        "stop_s_runs": [round(s, 3) for s in [cold_stop, *stops]],
    }


def _start_stop(sandbox_class: Any, estate: Any) -> tuple[float, float]:
    clock = time.perf_counter()
    sandbox = sandbox_class(estate).start()
    started = time.perf_counter() - clock
    process = sandbox._process
    clock = time.perf_counter()
    sandbox.stop()
    stopped = time.perf_counter() - clock
    assert process.poll() is not None, "the server outlived stop()"
    return started, stopped
