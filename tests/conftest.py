"""One sandbox per test session (per xdist worker): every integration test reads it over HTTP.

Tests that change the sandbox's faults restore them (``faults`` fixture), and tests keep their
own data apart by account or name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pandas as pd
import pytest

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


@pytest.fixture(scope="session")
def demo_inventory(sandbox: Sandbox) -> Inventory:
    """Every table of the demo estate, collected once per session (per worker) for the tests
    that only read it: a full collection costs seconds, and the estate does not change. Never
    modify it; collect your own to change or count anything."""
    inventory = toolkit.collect_sync(sandbox.scope(), progress=False)
    assert inventory.errors.empty, inventory.errors.to_string()
    return inventory


@pytest.fixture(scope="session")
def demo_findings(demo_inventory: Inventory) -> pd.DataFrame:
    """Every built-in check run on ``demo_inventory``, once per session (read only)."""
    return toolkit.run_checks(demo_inventory)


@pytest.fixture
def faults(sandbox: Sandbox) -> Iterator[Sandbox]:
    """The session's sandbox, with every fault setting restored after the test."""
    saved = sandbox.configure()
    try:
        yield sandbox
    finally:
        sandbox.configure(**{k: v for k, v in saved.items() if k != "seed"})


@pytest.fixture
def sandbox_env(sandbox: Sandbox, tmp_path) -> dict[str, str]:
    """Environment for a `toolkit` subprocess against the sandbox, isolated from ~/.aws."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_CONFIG_FILE=str(tmp_path / "aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    return env
