"""The report catalogue: the notebooks in ``notebooks/`` and the parameters each takes.

Parameters are read from each notebook's cell tagged ``parameters`` with papermill's own
``inspect_notebook``, so the catalogue cannot drift from the notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import UsageError

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
REPORTS = {
    "audit": "Security audit: coverage, findings by severity, CIS v3.0.0, remediation plan.",
    "documentation": "Estate documentation: organization chart, access map, network maps, inventory.",
}
#: Parameters a report never takes: credentials travel in the environment or a profile.
FORBIDDEN = {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "credentials"}


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    path: Path

    @property
    def parameters(self) -> dict[str, dict[str, Any]]:
        return _parameters(self.path)


@cache
def _parameters(path: Path) -> dict[str, dict[str, Any]]:
    from papermill import inspect_notebook

    return inspect_notebook(str(path))


def reports() -> dict[str, Report]:
    return {
        name: Report(name, description, NOTEBOOKS / f"{name}.ipynb")
        for name, description in REPORTS.items()
        if (NOTEBOOKS / f"{name}.ipynb").is_file()
    }


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
