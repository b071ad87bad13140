"""Options several commands share (where to read, how), and how they become a Scope or an
Inventory through ``toolkit.sources``: the one place that gets either, for every command."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..scope import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_READ_TIMEOUT,
    Scope,
)

if TYPE_CHECKING:
    from ..inventory import Inventory

#: The Scope options the AWS option group gathers (argparse dest = Scope field).
AWS_OPTIONS = (
    "profile",
    "regions",
    "accounts",
    "role_name",
    "endpoint_url",
    "max_concurrency",
    "read_timeout",
    "max_attempts",
)


def add_aws_options(parser: argparse.ArgumentParser) -> None:
    """--demo or --endpoint-url, and the options every AWS read takes.

    Defaults are None ("the Scope's default") so that an option given is an option honoured
    (or refused, beside --snapshot), never one silently ignored.
    """
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
        help=f"role assumed in each member account (default: {Scope.role_name})",
    )
    group.add_argument(
        "--max-concurrency",
        type=int,
        metavar="N",
        help=f"requests in flight at most (default: {DEFAULT_MAX_CONCURRENCY})",
    )
    group.add_argument(
        "--read-timeout",
        type=float,
        metavar="S",
        help=f"seconds to wait for an answer before retrying (default: {DEFAULT_READ_TIMEOUT:g})",
    )
    group.add_argument(
        "--max-attempts",
        type=int,
        metavar="N",
        help=f"attempts per API call, retries included (default: {DEFAULT_MAX_ATTEMPTS})",
    )


def add_worker_options(parser: argparse.ArgumentParser) -> None:
    """--workers N (a Dask LocalCluster) or --scheduler ADDRESS (an existing Dask cluster)."""
    group = parser.add_argument_group("spread over processes (the 'distributed' extra)")
    cluster = group.add_mutually_exclusive_group()
    cluster.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="shard the accounts over N worker processes of a local Dask cluster",
    )
    cluster.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="shard the accounts over the workers of an existing Dask cluster",
    )


def scope_options(args: argparse.Namespace) -> dict[str, Any]:
    """The AWS options given on the command line, as Scope keyword arguments."""
    values = {name: getattr(args, name, None) for name in AWS_OPTIONS}
    return {name: value for name, value in values.items() if value is not None}


@contextlib.contextmanager
def scope_for(args: argparse.Namespace) -> Iterator[Scope]:
    """The Scope a command reads or changes; with --demo the sandbox runs for the block."""
    from ..sources import open_scope

    with open_scope(args.demo, announce=True, **scope_options(args)) as scope:
        yield scope


def inventory_for(args: argparse.Namespace, tables: list[str] | None = None) -> Inventory:
    """The inventory a command works on: --snapshot, --demo or live AWS (only ``tables``)."""
    from ..sources import open_inventory

    return open_inventory(
        getattr(args, "snapshot", None),
        args.demo,
        tables=tables,
        progress=not getattr(args, "no_progress", False),
        announce=True,
        **scope_options(args),
    )
