"""``toolkit report``: run a report notebook, or list the catalogue with its parameters.

Every AWS option reaches the notebook as a parameter of the same name, and from there the
Scope (``toolkit.reports.context.report_inventory``); only the options given are passed, so a
report that does not take one says so in one sentence instead of ignoring it.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import UsageError
from ..sources import SOURCE_CONFLICT
from ._options import add_aws_options, scope_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit report`` to the ``toolkit`` command's sub-parsers."""
    report = subparsers.add_parser(
        "report",
        help="run a report (audit, documentation, access, drift) into NAME.ipynb and NAME.html",
        description="Execute a report notebook with papermill and export standalone HTML. "
        "'toolkit report list' shows the reports and their parameters.",
    )
    report.add_argument("name", metavar="NAME|list", help="the report to run, or 'list'")
    add_aws_options(report)
    report.add_argument("--snapshot", metavar="DIR", help="a snapshot: no AWS call is made")
    report.add_argument(
        "--old", metavar="DIR", help="drift: the earlier snapshot (default: the demo's example)"
    )
    report.add_argument(
        "--new", metavar="DIR", help="drift: the later snapshot (default: the estate now)"
    )
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
    return report


def run(args: argparse.Namespace) -> int:
    """List the reports, or run one into NAME.ipynb and NAME.html."""
    from ..reports.catalogue import get_report, reports

    if args.name == "list":
        for report in reports().values():
            print(f"{report.name}: {report.description}")
            if report.origin:
                print(f"  from {report.origin}")
            for name, spec in report.parameters.items():
                default = spec.get("default")
                kind = spec.get("inferred_type_name") or "any"
                kind = "any" if kind == "None" else kind
                print(f"  -p {name:16} {kind:6} default {default}")
        return 0
    get_report(args.name)  # unknown names fail first
    if not args.output:
        raise UsageError("Say where to write the report with -o DIR.")
    from ..reports.runner import run_report

    result = run_report(args.name, args.output, report_parameters(args))
    print(f"{result.notebook}\n{result.html}")
    return 0


def report_parameters(args: argparse.Namespace) -> dict[str, Any]:
    """The notebook's parameters: every -p, then every AWS option given, then the source."""
    parameters: dict[str, Any] = {key: yaml_value(value) for key, value in args.parameter}
    given = scope_options(args)
    if args.snapshot and (args.demo or given):
        raise UsageError(SOURCE_CONFLICT)
    parameters.update(given)
    if args.snapshot:
        parameters["snapshot"] = args.snapshot
    for side in ("old", "new"):
        if getattr(args, side, None):
            if args.name != "drift":
                raise UsageError(
                    f"--{side} is for the drift report only; {args.name!r} reads one estate."
                )
            parameters[side] = getattr(args, side)
    incomplete = parameters.get("new") or not parameters.get("demo", args.demo)
    if args.name == "drift" and not parameters.get("old") and incomplete:
        raise UsageError(
            "The drift report compares two audits: give --old OLD and --new NEW "
            "(snapshots), --old OLD alone (against the estate now), or --demo."
        )
    if "demo" not in parameters:
        # The notebooks default to the demo estate; any other source turns it off.
        parameters["demo"] = bool(args.demo)
    return parameters


def yaml_value(text: str) -> Any:
    """A -p value as YAML reads it (true, 3, a string), or the text itself."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text
