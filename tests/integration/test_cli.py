"""The `toolkit` command against the sandbox: snapshots that match boto3, and one clear sentence
with exit status 2 for every user mistake."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TOOLKIT = [sys.executable, "-m", "toolkit.cli"]


def run(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        TOOLKIT + args,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_collect_against_endpoint(sandbox: Sandbox, sandbox_env, tmp_path) -> None:
    out = tmp_path / "snap"
    done = run(
        [
            "collect",
            "--endpoint-url",
            sandbox.endpoint_url,
            "--accounts",
            "organization",
            "--regions",
            "us-east-1,eu-west-1",
            # the endpoint's plumbing, not every table (make demo's test reads them all)
            "--services",
            "organizations,s3",
            "--no-progress",
            "-o",
            str(out),
        ],
        sandbox_env,
    )
    assert done.returncode == 0, done.stderr
    assert "0 errors" in done.stdout and "API calls" in done.stdout
    inventory = Inventory.load(out)
    orgs = sandbox.client(sandbox.boto3_session(), "organizations")
    assert sorted(inventory["organizations.accounts"]["id"]) == sorted(
        a["Id"] for a in orgs.list_accounts()["Accounts"]
    )
    ous = sorted(inventory["organizations.organizational_units"]["id"])
    assert ous == sorted(ou["id"] for ou in sandbox.truth.organizational_units)
    assert sorted(inventory["s3.buckets"]["name"]) == sorted(
        b["name"] for b in sandbox.truth.buckets
    )
    assert "testing" not in (out / "manifest.json").read_text()
    assert '"format": 2' in (out / "manifest.json").read_text()  # written as it was read


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bad_inputs(sandbox: Sandbox) -> list[tuple[str, list[str], dict[str, str], str]]:
    url = sandbox.endpoint_url
    base = ["collect", "--no-progress", "-o", "never-written"]
    return [
        (
            "wrong endpoint",
            base + ["--endpoint-url", f"http://127.0.0.1:{_free_port()}"],
            {},
            "Cannot reach",
        ),
        (
            "bad credentials",
            base + ["--endpoint-url", url],
            {"AWS_ACCESS_KEY_ID": "AKIAREJECTEDKEY00001"},
            "rejected",
        ),
        (
            "unknown region",
            base + ["--endpoint-url", url, "--regions", "us-nowhere-1"],
            {},
            "Unknown region",
        ),
        (
            "unknown service",
            base + ["--endpoint-url", url, "--services", "s4"],
            {},
            "Unknown service",
        ),
        (
            "unknown table",
            base + ["--endpoint-url", url, "--tables", "s3.bucket"],
            {},
            "Unknown table",
        ),
        (
            "malformed account",
            base + ["--endpoint-url", url, "--accounts", "12345"],
            {},
            "Malformed account id",
        ),
        ("missing profile", base + ["--profile", "no-such-profile"], {}, "does not exist"),
        ("no output", ["collect", "--endpoint-url", url], {}, "-o DIR"),
        (
            "no credentials for AWS",
            base,
            {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""},
            "No AWS credentials",
        ),
    ]


@pytest.mark.parametrize("case", range(9))
def test_user_mistakes_get_one_sentence_and_status_2(
    case, faults: Sandbox, sandbox_env, tmp_path
) -> None:
    name, args, env_changes, expected = bad_inputs(faults)[case]
    faults.configure(invalid_access_keys=["AKIAREJECTEDKEY00001"])
    env = {**sandbox_env, **env_changes}
    env = {k: v for k, v in env.items() if v != ""}
    started = time.monotonic()
    done = subprocess.run(
        TOOLKIT + args, capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 2, (name, done.stdout, done.stderr)
    assert elapsed < 10, (name, elapsed)
    assert "Traceback" not in done.stderr, name
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("toolkit: error:"), (name, done.stderr)
    assert expected in lines[0], (name, lines[0])
    assert not (tmp_path / "never-written").exists()
    assert list(tmp_path.iterdir()) == [], name


def test_sandbox_port_in_use(sandbox: Sandbox, sandbox_env) -> None:
    port = sandbox.endpoint_url.rsplit(":", 1)[1]
    done = run(["sandbox", "--port", port], sandbox_env, timeout=60)
    assert done.returncode == 2
    assert "choose another --port" in done.stderr and "Traceback" not in done.stderr


def test_collect_demo(sandbox_env, tmp_path) -> None:
    done = run(
        # --demo's own sandbox, started and stopped by the command; two services are enough
        [
            "collect",
            "--demo",
            "--services",
            "organizations,iam",
            "--no-progress",
            "-o",
            str(tmp_path / "demo"),
        ],
        sandbox_env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    inventory = Inventory.load(tmp_path / "demo")
    assert len(inventory["organizations.accounts"]) == 7
    assert inventory.errors.empty
