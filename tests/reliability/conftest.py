"""The fault suite: every case against a sandbox over HTTP, with the fault injected by the
sandbox's middleware (never by patching the client). Helpers are in reliability_helpers.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a `toolkit` subprocess: sandbox keys, no ~/.aws, no profile."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_CONFIG_FILE=str(tmp_path / "no-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    return env
