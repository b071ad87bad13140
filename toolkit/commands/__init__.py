"""The ``toolkit`` subcommands, one module each: ``add_parser(subparsers)`` declares its
options, ``run(args) -> int`` gathers them and calls the Python API. ``toolkit/cli.py`` only
wires them together; options several commands share live in ``_options``."""

from __future__ import annotations

#: Subcommand name -> its module here, in the order ``toolkit --help`` lists them.
COMMANDS = {
    "sandbox": "sandbox",
    "collect": "collect",
    "checks": "checks",
    "report": "report",
    "remediate": "remediate",
    "render": "render",
    "plugins": "plugins",
    "diff": "diff",
    "sql": "sql",
    "history": "history",
}
