"""moto's server behind the sandbox middleware, in a child process on a loopback port.

A child process, so that moto never shares the client's interpreter lock: what a benchmark
measures is the client. The child prints its port (or why it could not start) on stdout.

The child never outlives its owner, however the owner ends (SIGKILL included): on Linux the
kernel sends it SIGKILL when its parent dies (``PR_SET_PDEATHSIG``), and everywhere it watches
its standard input, a pipe whose only writer is the parent: end of file means the parent is
gone, or is stopping it on purpose. Stopping closes that pipe and sends SIGTERM; the child has
nothing to flush (moto's state lives in memory), so it ends at once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from typing import Any

from .middleware import FaultConfig, SandboxMiddleware

HOST = "127.0.0.1"
#: Seconds a stopping server gets after SIGTERM before it is killed.
STOP_GRACE_S = 1.0
_PR_SET_PDEATHSIG = 1


def build_app(config: FaultConfig) -> SandboxMiddleware:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    return SandboxMiddleware(DomainDispatcherApplication(create_backend_app), config)


def serve(port: int, config: dict[str, Any]) -> None:
    """Child process entry: bind, restore a saved estate if given, print the port, serve."""
    from werkzeug.serving import make_server

    from . import apigateway_answers, athena_answers, cloudfront_answers, moto_speedups
    from .keep_alive import KeepAliveHandler

    parent = int(config.pop("parent", 0))
    restore = config.pop("restore", None)
    _die_with_parent(parent, bool(config.pop("pdeathsig", False)))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto_speedups.install()
    cloudfront_answers.install()
    apigateway_answers.install()
    athena_answers.install()
    try:
        if port:  # werkzeug exits with its own message on a taken port: look first
            with socket.socket() as probe:
                probe.bind((HOST, port))
        server = make_server(
            HOST,
            port,
            build_app(FaultConfig(**config)),
            threaded=True,
            request_handler=KeepAliveHandler,
        )
    except OSError as exc:
        print(f"error {exc.strerror or exc}", flush=True)
        return
    if restore:
        from . import saved_state

        try:
            saved_state.restore(restore)
        except Exception as exc:  # a stale or damaged cache: the parent seeds afresh
            print(f"stale {type(exc).__name__}: {exc}", flush=True)
            return
    server.daemon_threads = True
    print(f"port {server.server_port}", flush=True)
    server.serve_forever()


def _die_with_parent(parent: int, pdeathsig: bool) -> None:
    """End this process as soon as its parent has gone (see the module's docstring).

    ``PR_SET_PDEATHSIG`` fires when the parent's *thread* that started us ends, so the parent
    asks for it only from its main thread; the pipe covers every other case.
    """
    if pdeathsig and sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)

    def exit_at_end_of_input() -> None:
        with contextlib.suppress(OSError, ValueError):
            while sys.stdin.buffer.read(4096):
                pass
        os._exit(0)

    threading.Thread(target=exit_at_end_of_input, name="parent-watch", daemon=True).start()


def start(
    port: int, config: dict[str, Any], restore: str | None = None
) -> tuple[subprocess.Popen[str], int]:
    """Start the server process; return it and the port it listens on.

    A plain subprocess (not multiprocessing), so that scripts and notebooks need no
    ``if __name__ == "__main__"`` guard. With ``restore`` (a ``saved_state`` file) the estate
    is loaded before the port is printed; a file that cannot be loaded raises
    ``saved_state.StaleState``.
    """
    from ..errors import SandboxError
    from . import moto_speedups

    child_config = {
        **config,
        "parent": os.getpid(),
        "pdeathsig": threading.current_thread() is threading.main_thread(),
    }
    if restore:
        child_config["restore"] = restore
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit.sandbox", str(port), json.dumps(child_config)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,  # its end of file tells the child that its owner is gone
        text=True,
        env={
            **os.environ,
            # AWS managed policies (AdministratorAccess, SecurityAudit, ...) exist on AWS.
            "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
            "MOTO_AMIS_PATH": moto_speedups.amis_path(),
            # ACM-issued certificates are issued at once, as when their DNS records exist.
            "MOTO_ACM_VALIDATION_WAIT": "0",
        },
    )
    ready: list[str] = []
    reader = threading.Thread(target=lambda: ready.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(60)
    line = ready[0].strip() if ready else ""
    kind, _, value = line.partition(" ")
    if kind != "port":
        stop(process)
        if kind == "stale":
            from .saved_state import StaleState

            raise StaleState(value)
        if kind == "error" and port:
            raise SandboxError(
                f"Cannot listen on {HOST}:{port} ({value}); choose another --port, or leave it "
                "out to take a free one."
            )
        reason = value or ("it exited" if process.poll() is not None else "no answer in 60 s")
        raise SandboxError(f"The sandbox server could not start ({reason}).")
    return process, int(value)


def stop(process: subprocess.Popen[str]) -> None:
    """End the server at once: close its input, SIGTERM, SIGKILL after ``STOP_GRACE_S``."""
    for stream in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):
            if stream:
                stream.close()
    with contextlib.suppress(ProcessLookupError):
        process.terminate()
    try:
        process.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
