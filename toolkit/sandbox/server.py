"""moto's server behind the sandbox middleware, in a child process on a loopback port.

A child process, so that moto never shares the client's interpreter lock: what a benchmark
measures is the client. The child prints its port (or why it could not start) on stdout.
"""

from __future__ import annotations

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


def build_app(config: FaultConfig) -> SandboxMiddleware:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    return SandboxMiddleware(DomainDispatcherApplication(create_backend_app), config)


def serve(port: int, config: dict[str, Any]) -> None:
    """Child process entry: bind, print the port on stdout, serve until terminated."""
    from werkzeug.serving import make_server

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    try:
        if port:  # werkzeug exits with its own message on a taken port: look first
            with socket.socket() as probe:
                probe.bind((HOST, port))
        server = make_server(HOST, port, build_app(FaultConfig(**config)), threaded=True)
    except OSError as exc:
        print(f"error {exc.strerror or exc}", flush=True)
        return
    server.daemon_threads = True
    print(f"port {server.server_port}", flush=True)
    server.serve_forever()


def start(port: int, config: dict[str, Any]) -> tuple[subprocess.Popen[str], int]:
    """Start the server process; return it and the port it listens on.

    A plain subprocess (not multiprocessing), so that scripts and notebooks need no
    ``if __name__ == "__main__"`` guard.
    """
    from ..errors import SandboxError

    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit.sandbox", str(port), json.dumps(config)],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        # AWS managed policies (AdministratorAccess, SecurityAudit, ...) exist on AWS.
        env={**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true"},
    )
    ready: list[str] = []
    reader = threading.Thread(target=lambda: ready.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(60)
    line = ready[0].strip() if ready else ""
    kind, _, value = line.partition(" ")
    if kind != "port":
        process.kill()
        process.wait(5)
        if kind == "error" and port:
            raise SandboxError(
                f"Cannot listen on {HOST}:{port} ({value}); choose another --port, or leave it "
                "out to take a free one."
            )
        reason = value or ("it exited" if process.poll() is not None else "no answer in 60 s")
        raise SandboxError(f"The sandbox server could not start ({reason}).")
    return process, int(value)
