"""The endpoint dies mid-run: a clear error naming what was and was not collected, and no
snapshot directory that looks complete (snapshots are written to a temporary directory and
renamed into place). Each case kills a sandbox of its own, never the session's."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from reliability_helpers import TINY_ESTATE, TOOLKIT

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.errors import EndpointError
from toolkit.inventory import MANIFEST, Inventory
from toolkit.sandbox import Sandbox


@pytest.fixture
def doomed() -> Iterator[Sandbox]:
    """A small sandbox of the test's own, slowed down so that a run lasts a few seconds."""
    sandbox = Sandbox(TINY_ESTATE, latency_ms=60).start()
    try:
        yield sandbox
    finally:
        sandbox.stop()


def kill_after(sandbox: Sandbox, requests: int, timeout: float = 60) -> None:
    """Kill the sandbox's server once it has served ``requests`` requests."""
    deadline = time.monotonic() + timeout
    while sum(sandbox.request_counts().values()) < requests:
        assert time.monotonic() < deadline, "the collection never got going"
        time.sleep(0.05)
    sandbox._process.kill()


def test_python_api_names_what_was_and_was_not_collected(doomed: Sandbox) -> None:
    outcome: dict[str, BaseException] = {}

    def run() -> None:
        try:
            toolkit.collect_sync(doomed.scope(max_attempts=2), progress=False)
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    kill_after(doomed, 40)
    killed = time.monotonic()
    worker.join(60)
    assert not worker.is_alive()
    assert time.monotonic() - killed < 20  # stops soon: no call waits on a dead endpoint

    error = outcome.get("error")
    assert isinstance(error, EndpointError), repr(error)
    assert error.not_collected, "the endpoint died before anything was left to collect"
    assert sorted(error.collected + error.not_collected) == sorted(REGISTRY)
    text = str(error)
    assert "\n" not in text and doomed.endpoint_url in text
    assert "stopped answering" in text and "nothing was saved" in text
    assert all(name in text for name in error.not_collected)
    assert f"{len(error.collected)} of {len(REGISTRY)} tables were collected" in text


def test_cli_leaves_no_snapshot(doomed: Sandbox, clean_env: dict[str, str], tmp_path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    command = [
        *TOOLKIT,
        "collect",
        "--endpoint-url",
        doomed.endpoint_url,
        "--accounts",
        "organization",
        "--regions",
        ",".join(TINY_ESTATE["regions"]),
        "--max-attempts",
        "2",
        "--no-progress",
        "-o",
        "snapshot",
    ]
    process = subprocess.Popen(
        command, cwd=work, env=clean_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        kill_after(doomed, 40)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 2, (out, err)
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("toolkit: error: The endpoint"), err
    assert "were not (" in lines[0] and "nothing was saved" in lines[0]
    assert list(work.iterdir()) == []  # no snapshot, no staging directory


def test_interrupted_save_leaves_nothing_and_keeps_the_old_snapshot(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes are atomic: a save that fails half-way leaves no directory and no staging, and
    a snapshot it was replacing stays whole."""
    import toolkit.snapshot as snapshot_module

    frames = {name: table.empty() for name, table in list(REGISTRY.items())[:5]}
    Inventory(frames, meta={"run": "old"}).save(tmp_path / "snap")
    written: list[Path] = []
    real_write = snapshot_module.write_parquet

    def failing_write(frame: pd.DataFrame, path: Path) -> None:
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(path)
        real_write(frame, path)

    monkeypatch.setattr(snapshot_module, "write_parquet", failing_write)
    with pytest.raises(OSError, match="No space"):
        Inventory(frames, meta={"run": "new"}).save(tmp_path / "snap")
    with pytest.raises(OSError, match="No space"):
        written.clear()
        Inventory(frames, meta={"run": "new"}).save(tmp_path / "fresh")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snap"]  # no "fresh", no staging
    assert Inventory.load(tmp_path / "snap").meta == {"run": "old"}
    assert json.loads((tmp_path / "snap" / MANIFEST).read_text())["meta"] == {"run": "old"}
    assert written and all(p.parent.name.startswith(".") for p in written)  # staged
