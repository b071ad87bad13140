"""The ``toolkit`` command: wires the subcommands of ``toolkit/commands/`` together and prints
one clear sentence on a user's mistake (exit status 2, no traceback)."""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import warnings
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from .commands import COMMANDS
from .errors import ToolkitError

DESCRIPTION = """Audit and document AWS estates.

Every command that talks to AWS takes either --demo (start the emulated demo organization
in-process; no AWS account needed) or real-AWS options: --profile NAME, --regions R1,R2,
--accounts organization|ID,ID and --endpoint-url URL (an AWS-compatible endpoint such as the
one `toolkit sandbox` serves)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its mistakes said like every other: one line, exit status 2."""

    def error(self, message: str) -> Any:
        print(f"toolkit: error: {message}; see '{self.prog} --help'.", file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The ``toolkit`` parser, with every subcommand's own parser."""
    parser = _Parser(
        prog="toolkit",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS.values():
        import_module(f".commands.{module}", __package__).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``toolkit ARGS``; the exit status."""
    # The SDK's own warnings (a failed early credential refresh, with its traceback) are not
    # for the terminal: what fails is said once, in inv.errors or in one sentence here.
    for name in ("botocore", "aiobotocore", "boto3", "aioboto3"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    # After a run stopped by a dead endpoint, aiohttp may report sessions it finalizes late
    # ("Unclosed client session") through asyncio's logger: noise after the one sentence.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.showwarning = functools.partial(_show_warning, warnings.showwarning)
        try:
            return import_module(f".commands.{COMMANDS[args.command]}", __package__).run(args)
        except ToolkitError as exc:
            print(f"toolkit: error: {exc}", file=sys.stderr)
            return exc.exit_status
        except KeyboardInterrupt:
            print("toolkit: interrupted", file=sys.stderr)
            return 130


def _show_warning(
    default: Any, message: Any, category: type[Warning], *args: Any, **kwargs: Any
) -> None:
    """A plugin that failed to load is one line on the terminal, like an error."""
    from .plugins import PluginWarning

    if issubclass(category, PluginWarning):
        print(f"toolkit: warning: {message}", file=sys.stderr)
    else:
        default(message, category, *args, **kwargs)


if __name__ == "__main__":
    sys.exit(main())
