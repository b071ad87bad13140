"""``toolkit sandbox``: serve the emulated estate on a loopback port until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from ..errors import ToolkitError
from ..files import atomic_write_text


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit sandbox`` to the ``toolkit`` command's sub-parsers."""
    sandbox = subparsers.add_parser(
        "sandbox",
        help="serve the emulated AWS estate on a loopback port until Ctrl-C",
        description="Serve an emulated multi-account AWS estate; any access key works against it.",
    )
    sandbox.add_argument(
        "--estate", default="demo", metavar="NAME|PATH", help="bundled estate name or YAML file"
    )
    sandbox.add_argument(
        "--port", type=int, default=0, help="port to listen on (default: a free one)"
    )
    sandbox.add_argument(
        "--latency-ms", type=float, default=0.0, metavar="N", help="added latency per request"
    )
    sandbox.add_argument(
        "--throttle-rate",
        type=float,
        default=0.0,
        metavar="F",
        help="share of requests throttled (0-1)",
    )
    sandbox.add_argument(
        "--truth", metavar="FILE", help="also write the estate's ground truth as JSON here"
    )
    return sandbox


def run(args: argparse.Namespace) -> int:
    """Serve the sandbox until SIGINT or SIGTERM, then stop it at once and exit 0.

    While it starts, either signal interrupts the start (exit 130, nothing left running).
    """
    from ..sandbox import Sandbox

    sandbox = Sandbox(
        args.estate, port=args.port, latency_ms=args.latency_ms, throttle_rate=args.throttle_rate
    )
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with sandbox:
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        truth = sandbox.truth
        print(f"endpoint: {sandbox.endpoint_url}", flush=True)
        print(
            f"estate: {len(truth.accounts)} accounts (management {truth.management_account}), "
            f"regions {', '.join(truth.regions)}, {len(truth.buckets)} buckets, "
            f"{len(truth.planted)} planted misconfigurations"
        )
        print(
            "credentials: any access key works, e.g. AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing"
        )
        print(
            f"try: toolkit collect --endpoint-url {sandbox.endpoint_url} --accounts organization "
            f"--regions {','.join(truth.regions)} -o snapshot"
        )
        if args.truth:
            atomic_write_text(Path(args.truth), truth.to_json())
        print("Serving until Ctrl-C.", flush=True)
        while not stop.wait(0.5):
            if not sandbox.running:
                raise ToolkitError("The sandbox server stopped unexpectedly.")
    print("sandbox stopped", file=sys.stderr)
    return 0
