"""The ``toolkit`` command: gathers options, calls the Python API, prints one clear sentence
on a user's mistake (exit status 2, no traceback)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import ToolkitError, UsageError
from .files import atomic_write_text

DESCRIPTION = """Audit and document AWS estates.

Every command that talks to AWS takes either --demo (start the emulated demo organization
in-process; no AWS account needed) or real-AWS options: --profile NAME, --regions R1,R2,
--accounts organization|ID,ID and --endpoint-url URL (an AWS-compatible endpoint such as the
one `toolkit sandbox` serves)."""


def _aws_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where to read")
    source = group.add_mutually_exclusive_group()
    source.add_argument(
        "--demo", action="store_true", help="start the sandbox's demo estate in-process"
    )
    source.add_argument(
        "--endpoint-url", metavar="URL", help="an AWS-compatible endpoint (e.g. toolkit sandbox)"
    )
    group.add_argument("--profile", metavar="NAME", help="AWS profile from ~/.aws/config")
    group.add_argument(
        "--accounts",
        metavar="organization|ID,...",
        help="'organization' for every active account (AssumeRole), or account ids; default: the caller's",
    )
    group.add_argument(
        "--regions", metavar="R,...", help="regions to read; default: every enabled region"
    )
    group.add_argument(
        "--role-name",
        default="OrganizationAccountAccessRole",
        help="role assumed in each member account (default: %(default)s)",
    )
    group.add_argument(
        "--max-concurrency", type=int, default=64, metavar="N", help="requests in flight at most"
    )
    group.add_argument(
        "--read-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds to wait for an answer before retrying (default: %(default)s)",
    )
    group.add_argument(
        "--max-attempts",
        type=int,
        default=5,
        metavar="N",
        help="attempts per API call, retries included (default: %(default)s)",
    )


class _Parser(argparse.ArgumentParser):
    """argparse, with its mistakes said like every other: one line, exit status 2."""

    def error(self, message: str) -> Any:
        print(f"toolkit: error: {message}; see '{self.prog} --help'.", file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="toolkit",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sandbox = commands.add_parser(
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

    collect = commands.add_parser(
        "collect",
        help="collect the inventory into a snapshot directory",
        description="Collect inventory tables across accounts and regions and save a snapshot (Parquet).",
    )
    _aws_options(collect)
    collect.add_argument("--services", metavar="S,...", help="services to collect (default: all)")
    collect.add_argument(
        "--tables", metavar="T,...", help="tables to collect, e.g. s3.buckets (default: all)"
    )
    collect.add_argument("-o", "--output", metavar="DIR", help="snapshot directory to write")
    collect.add_argument("--no-progress", action="store_true", help="no progress bar")
    collect.add_argument(
        "--max-age",
        metavar="AGE",
        help="reuse a cached snapshot of the same scope younger than AGE (600, 10m, 2h)",
    )
    collect.add_argument("--list-tables", action="store_true", help="list the tables and exit")
    checks = commands.add_parser(
        "checks",
        help="list the security checks, or run them over an inventory",
        description="The security checks: their catalogue, and findings from an inventory.",
    )
    checks_commands = checks.add_subparsers(dest="checks_command", metavar="ACTION", required=True)
    listing = checks_commands.add_parser("list", help="print the check catalogue")
    listing.add_argument("--service", help="only this service's checks")
    run = checks_commands.add_parser(
        "run",
        help="run the checks and write findings (CSV or Parquet, by the file's extension)",
        description="Run the checks over a snapshot, the demo estate or live AWS; write findings.",
    )
    _aws_options(run)
    run.add_argument("--snapshot", metavar="DIR", help="a snapshot written by 'toolkit collect'")
    run.add_argument("--checks", metavar="ID|SERVICE,...", help="checks to run (default: all)")
    run.add_argument("--mutes", metavar="FILE", help="YAML file of accepted findings")
    run.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="findings.csv or .parquet"
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")

    from .reports.cli import add_parser as add_report

    add_report(commands, _aws_options)
    from .remediate.cli import add_parser as add_remediate

    add_remediate(commands, _aws_options)
    from .render.cli import add_parser as add_render

    add_render(commands, _aws_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The SDK's own warnings (a failed early credential refresh, with its traceback) are not
    # for the terminal: what fails is said once, in inv.errors or in one sentence here.
    for name in ("botocore", "aiobotocore", "boto3", "aioboto3"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    # After a run stopped by a dead endpoint, aiohttp may report sessions it finalizes late
    # ("Unclosed client session") through asyncio's logger: noise after the one sentence.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "sandbox":
            return _sandbox(args)
        if args.command == "collect":
            return _collect(args, parser)
        if args.command == "checks":
            return _checks(args)
        if args.command == "report":
            from .reports.cli import main as report_main

            return report_main(args)
        if args.command == "remediate":
            from .remediate.cli import main as remediate_main

            return remediate_main(args)
        if args.command == "render":
            from .render.cli import main as render_main

            return render_main(args)
    except ToolkitError as exc:
        print(f"toolkit: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command!r}")
    return 2


@contextlib.contextmanager
def _demo_sandbox(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    try:
        from .sandbox import Sandbox
    except ImportError:
        raise UsageError(
            "--demo needs the sandbox extra; install it with: pip install 'aws-estate-toolkit[sandbox]'."
        ) from None
    print("Starting the demo sandbox ...", file=sys.stderr)
    with Sandbox() as sandbox:
        yield sandbox


def _scope(args: argparse.Namespace, sandbox: Any) -> Any:
    from .scope import Scope

    options = {
        "profile": args.profile,
        "regions": args.regions,
        "accounts": args.accounts,
        "role_name": args.role_name,
        "endpoint_url": args.endpoint_url,
        "max_concurrency": args.max_concurrency,
        "read_timeout": getattr(args, "read_timeout", 30.0),
        "max_attempts": getattr(args, "max_attempts", 5),
    }
    if sandbox is not None:
        options["accounts"] = args.accounts or "organization"
        options["regions"] = args.regions or sandbox.truth.regions
        return sandbox.scope(**options | {"endpoint_url": sandbox.endpoint_url})
    return Scope(**options)


def _collect(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .collectors import REGISTRY, select_tables

    if args.list_tables:
        for name, entry in sorted(REGISTRY.items()):
            print(f"{name:45} {entry.where:13} {entry.doc.splitlines()[0] if entry.doc else ''}")
        return 0
    if not args.output:
        raise UsageError("Say where to write the snapshot with -o DIR.")
    select_tables(args.services, args.tables)  # unknown names fail before any network call
    _check_snapshot_target(args.output)  # and a directory that cannot take it, too
    from .engine import collect_sync

    with _demo_sandbox(args.demo) as sandbox:
        scope = _scope(args, sandbox)
        inventory = collect_sync(
            scope,
            args.services,
            args.tables,
            progress=not args.no_progress,
            max_age=args.max_age,
        )
    path = inventory.save(args.output)
    meta = inventory.meta
    summary = inventory.summary()
    print(summary.to_string(index=False))
    print(
        f"\n{len(inventory.tables)} tables, {int(summary['rows'].sum())} rows, "
        f"{len(inventory.errors)} errors, {meta.get('api_calls_total', 0)} API calls "
        f"({meta.get('retries', 0)} retries), {len(meta.get('accounts', []))} accounts, "
        f"{len(meta.get('regions', []))} regions, {meta.get('seconds', 0):.1f} s"
    )
    if len(inventory.errors):
        print("\nNot collected:")
        for row in inventory.errors.itertuples():
            print(f"  {_unit_text(row)}: {row.error_code}: {row.message}")
    print(f"\nSnapshot written to {path}")
    return 0


def _check_snapshot_target(directory: str) -> None:
    """Fail before collecting when the snapshot could not be written there."""
    from pathlib import Path

    from .inventory import MANIFEST

    target = Path(directory)
    if (
        target.exists()
        and not (target / MANIFEST).is_file()
        and (not target.is_dir() or any(target.iterdir()))
    ):
        raise UsageError(
            f"{target} exists and is not a snapshot; choose an empty or new directory."
        )


def _unit_text(row: Any) -> str:
    """What an errors row did not read, in words ("*": every one)."""
    if row.table != "*":
        return f"{row.table} in {row.account_id}/{row.region}"
    if row.service != "*":
        return f"every {row.service} table in {row.region} (every account)"
    if row.account_id == "*":
        return "everything"
    if row.region == "*":
        return f"every table of account {row.account_id}"
    return f"every table of account {row.account_id} in {row.region}"


def _checks(args: argparse.Namespace) -> int:
    from .checks import select

    if args.checks_command == "list":
        entries = [c for c in select() if not args.service or c.service == args.service]
        if not entries:
            raise UsageError(f"No check for service {args.service!r}; run 'toolkit checks list'.")
        print(f"{'check_id':52} {'severity':13} {'service':14} frameworks")
        for entry in sorted(entries, key=lambda c: (c.service, c.check_id)):
            print(
                f"{entry.check_id:52} {entry.severity:13} {entry.service:14} {entry.framework_text}"
            )
        print(f"\n{len(entries)} checks")
        return 0
    from pathlib import Path

    from .checks.mutes import load_mutes
    from .checks.runner import run_checks

    output = Path(args.output)
    if output.suffix not in (".csv", ".parquet"):
        raise UsageError(f"Cannot write findings to {output}; name a .csv or .parquet file.")
    mutes = load_mutes(args.mutes) if args.mutes else None
    select(args.checks)  # unknown names fail before any collection
    inventory = _inventory_for(args)
    findings = run_checks(inventory, args.checks, mutes)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.partial")
    try:
        staging.unlink(missing_ok=True)
        staging.touch(mode=0o600)  # readable by its owner only, like a snapshot
        if output.suffix == ".csv":
            findings.to_csv(staging, index=False)
        else:
            findings.to_parquet(staging, index=False)
        staging.replace(output)
    finally:
        staging.unlink(missing_ok=True)
    counts = (
        findings.pivot_table(
            index="severity", columns="status", values="check_id", aggfunc="count", observed=False
        )
        .fillna(0)
        .astype(int)
    )
    print(counts.sort_index(ascending=False).to_string())
    for mute in findings.attrs.get("expired_mutes", []):
        print(
            f"expired mute (no longer applied): {mute['check']} {mute['resource']} ({mute['expires']})"
        )
    print(f"\n{len(findings)} findings written to {output}")
    return 0


def _inventory_for(args: argparse.Namespace) -> Any:
    """The inventory a command works on: a snapshot, the demo estate, or live AWS."""
    if getattr(args, "snapshot", None):
        if args.demo or args.endpoint_url or args.profile:
            raise UsageError("Give either --snapshot or where to collect from, not both.")
        from .inventory import Inventory

        return Inventory.load(args.snapshot)
    from .engine import collect_sync

    with _demo_sandbox(args.demo) as sandbox:
        return collect_sync(_scope(args, sandbox), progress=not args.no_progress)


def _sandbox(args: argparse.Namespace) -> int:
    """Serve the sandbox until SIGINT or SIGTERM, then stop it at once and exit 0.

    While it starts, either signal interrupts the start (exit 130, nothing left running).
    """
    from .sandbox import Sandbox

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


if __name__ == "__main__":
    sys.exit(main())
