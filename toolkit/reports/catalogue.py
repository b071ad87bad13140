"""The report catalogue: the notebooks shipped in ``toolkit/data/notebooks`` and those plugins
add (entry-point group ``toolkit.reports``), with the parameters each takes.

Built-in notebooks are found with ``importlib.resources``, so an installed wheel finds its own.
Parameters are read from each notebook's cell tagged ``parameters`` with papermill's own
``inspect_notebook``, so the catalogue cannot drift from the notebooks.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import UsageError

#: Where the built-in report notebooks live, inside the package.
NOTEBOOKS = ("data", "notebooks")
REPORTS = {
    "audit": "Security audit: coverage, findings by severity, CIS v3.0.0, remediation plan.",
    "documentation": "Estate documentation: organization chart, access map, network maps, inventory.",
    "access": "Effective access: who can get into each account and how, paths to admin, outside trust.",
    "drift": "What changed between two audits: rows added, removed, changed; findings moved.",
}
#: Parameters a report never takes: credentials travel in the environment or a profile.
FORBIDDEN = {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "credentials"}


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    path: Path
    #: Empty for a built-in report; else the plugin and distribution that add it.
    origin: str = ""

    @property
    def parameters(self) -> dict[str, dict[str, Any]]:
        return _parameters(self.path)


@cache
def _parameters(path: Path) -> dict[str, dict[str, Any]]:
    from papermill import inspect_notebook

    return inspect_notebook(str(path))


def builtin_folder() -> Path:
    """The folder of the built-in notebooks, wherever the package is installed."""
    return Path(str(files("toolkit").joinpath(*NOTEBOOKS)))


def reports() -> dict[str, Report]:
    """Every report by name: the built-in ones, then the plugins' (a name already taken is
    skipped, with a warning naming both)."""
    folder = builtin_folder()
    found = {
        name: Report(name, description, folder / f"{name}.ipynb")
        for name, description in REPORTS.items()
        if (folder / f"{name}.ipynb").is_file()
    }
    from ..plugins import report_files

    for plugin, path in report_files():
        origin = f"plugin {plugin.name} ({plugin.distribution})"
        if path.stem in found:
            warnings.warn(
                f"Report {path.stem!r} of {origin} is not listed: a report of that name exists "
                f"({found[path.stem].origin or 'built in'}).",
                stacklevel=2,
            )
            continue
        found[path.stem] = Report(path.stem, _description(path), path, origin)
    return found


def get_report(name: str) -> Report:
    found = reports()
    if name not in found:
        raise UsageError(
            f"Unknown report {name!r}; choose from {', '.join(sorted(found))} "
            "('toolkit report list' shows them)."
        )
    return found[name]


def check_parameters(report: Report, values: dict[str, Any]) -> None:
    """Unknown or forbidden parameter names are a UsageError naming the ones allowed."""
    known = report.parameters
    for name in values:
        if name in FORBIDDEN:
            raise UsageError(
                f"{name} cannot be a report parameter; credentials come from the environment "
                "or --profile."
            )
        if name not in known:
            raise UsageError(
                f"Report {report.name!r} has no parameter {name!r}; it takes "
                f"{', '.join(sorted(known))}."
            )


@cache
def _description(path: Path) -> str:
    """A plugin report's description: its metadata's ``description``, else its first heading."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    described = notebook.get("metadata", {}).get("description")
    if described:
        return str(described)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = "".join(cell.get("source", "")).strip()
            return text.splitlines()[0].lstrip("# ").strip() if text else ""
    return ""
