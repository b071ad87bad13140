"""The sandbox's server process: it never outlives its owner and stops at once; a damaged saved
estate is seeded afresh. (That a restored estate answers exactly as a freshly seeded one is
tested in test_remediate.py, on the restored sandbox remediation then writes to.)"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import boto3
import pytest
from processes import alive, gone_within, listening_sockets, released, server_pid

from toolkit.sandbox import Sandbox

STOP_WITHIN_S = 2.0
#: Three accounts, one region, one trail: seeds in seconds.
SMALL_ESTATE = Path(__file__).parent / "estates" / "central.yaml"


OWNER = textwrap.dedent(
    """
    import json, time
    from toolkit.sandbox import Sandbox
    sandbox = Sandbox().start()
    print(json.dumps({"pid": sandbox._process.pid, "endpoint": sandbox.endpoint_url}), flush=True)
    time.sleep(600)
    """
)


def test_server_ends_when_its_owner_is_killed() -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    try:
        started = json.loads(owner.stdout.readline())
        assert alive(started["pid"])
        sockets = listening_sockets(started["pid"])
        assert sockets
        owner.kill()  # SIGKILL: the owner runs no clean-up of its own
        owner.wait(10)
        assert gone_within(started["pid"], STOP_WITHIN_S), "the server outlived its owner"
        assert released(sockets)
    finally:
        if owner.poll() is None:
            owner.kill()


def test_server_ends_when_its_owners_pipe_closes() -> None:
    """The portable watch alone (no signal): end of file on its input ends the server."""
    sandbox = Sandbox().start()
    try:
        pid = sandbox._process.pid
        sandbox._process.stdin.close()
        assert gone_within(pid, STOP_WITHIN_S)
        sandbox._process.wait(STOP_WITHIN_S)  # ours to reap: it has ended, not just its main thread
        assert not sandbox.running
    finally:
        sandbox.stop()


def test_leaving_the_context_ends_the_server_and_frees_its_port() -> None:
    with Sandbox() as sandbox:
        pid = sandbox._process.pid
        sockets = listening_sockets(pid)
        assert sockets
    assert not alive(pid)
    assert released(sockets)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_sandbox_command_stops_at_once(signum, sandbox_env, tmp_path) -> None:
    """`toolkit sandbox` serves until Ctrl-C (SIGINT) or SIGTERM, then exits 0 within 2 s
    (issue 13), even beside the suite, and its server and port go with it."""
    truth_file = tmp_path / "truth.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit.cli", "sandbox", "--truth", str(truth_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=sandbox_env,
    )
    try:
        first = process.stdout.readline().strip()
        assert first.startswith("endpoint: http://127.0.0.1:"), first
        while "Serving" not in process.stdout.readline():
            pass
        orgs = boto3.client(  # it serves the demo estate to any access key until interrupted
            "organizations",
            endpoint_url=first.split(" ", 1)[1],
            region_name="us-east-1",
            aws_access_key_id="anything",
            aws_secret_access_key="anything",
        )
        assert len(orgs.list_accounts()["Accounts"]) >= 6
        server = server_pid(process.pid)
        sockets = listening_sockets(server)
        process.send_signal(signum)
        assert process.wait(STOP_WITHIN_S) == 0
        assert "Traceback" not in process.stderr.read()
        assert not alive(server)
        assert sockets and released(sockets)
        assert json.loads(truth_file.read_text())["management_account"]
    finally:
        if process.poll() is None:
            process.kill()


def test_damaged_saved_estate_is_seeded_afresh(tmp_path, monkeypatch) -> None:
    """A small estate: what is tested is the damaged file, not the estate (the demo's restore
    is compared with its seeding in test_remediate.py)."""
    monkeypatch.setenv("TOOLKIT_SANDBOX_CACHE", str(tmp_path / "cache"))
    with Sandbox(estate=SMALL_ESTATE) as seeded:
        truth = seeded.truth.to_dict()
    (saved,) = (tmp_path / "cache").glob("*.pickle")
    saved.write_bytes(b"not a pickle")
    with Sandbox(estate=SMALL_ESTATE) as again:
        # seeded afresh: the same estate
        assert again.truth.account_ids == [a["id"] for a in truth["accounts"]]
        assert [t["arn"] for t in again.truth.trails] == [t["arn"] for t in truth["trails"]]
        orgs = again.client(again.boto3_session(), "organizations")
        assert len(orgs.list_accounts()["Accounts"]) == len(truth["accounts"])
    assert saved.read_bytes() != b"not a pickle"  # saved again
