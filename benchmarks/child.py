"""Run a benchmark's measurement in a child process (``python -m MODULE measure ARGS``), so
that its peak memory and time are its own; the child prints its result as one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def measure_in_child(module: str, args: list[str], timeout_s: int) -> dict[str, Any]:
    """The child's last JSON line, or ``{"error": ...}`` naming why there is none."""
    command = [sys.executable, "-m", module, "measure", *args]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, cwd=ROOT, env=env
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout_s} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return {"error": f"exit {done.returncode}: " + " | ".join(tail)}
    return json.loads(lines[-1])
