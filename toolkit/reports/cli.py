"""``toolkit report``: run a report notebook, or list the catalogue with its parameters."""

from __future__ import annotations

import argparse
from typing import Any

import yaml

from ..errors import UsageError


def add_parser(commands: Any, aws_options: Any) -> None:
    report = commands.add_parser(
        "report",
        help="run a report (audit, documentation) into NAME.ipynb and NAME.html",
        description="Execute a report notebook with papermill and export standalone HTML. "
        "'toolkit report list' shows the reports and their parameters.",
    )
    report.add_argument("name", metavar="NAME|list", help="the report to run, or 'list'")
    aws_options(report)
    report.add_argument("--snapshot", metavar="DIR", help="a snapshot: no AWS call is made")
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="a notebook parameter (value read as YAML: true, 3, a string)",
    )
    report.add_argument(
        "-o", "--output", metavar="DIR", help="directory for NAME.ipynb and NAME.html"
    )


def main(args: argparse.Namespace) -> int:
    from .catalogue import get_report, reports

    if args.name == "list":
        for report in reports().values():
            print(f"{report.name}: {report.description}")
            for name, spec in report.parameters.items():
                default = spec.get("default")
                kind = spec.get("inferred_type_name") or "any"
                kind = "any" if kind == "None" else kind
                print(f"  -p {name:14} {kind:10} default {default}")
        return 0
    get_report(args.name)  # unknown names fail first
    if not args.output:
        raise UsageError("Say where to write the report with -o DIR.")
    parameters: dict[str, Any] = {key: _value(value) for key, value in args.parameter}
    for option in ("profile", "regions", "accounts", "endpoint_url", "snapshot"):
        if getattr(args, option, None):
            parameters[option] = getattr(args, option)
    if "demo" not in parameters:
        # The notebooks default to the demo estate; any other source turns it off.
        parameters["demo"] = bool(args.demo)
    from .runner import run_report

    result = run_report(args.name, args.output, parameters)
    print(f"{result.notebook}\n{result.html}")
    return 0


def _value(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text
