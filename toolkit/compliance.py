"""``toolkit.compliance(findings, "cis-3.0")``: every control of a standard, judged from findings.

One row per control of the framework (``toolkit.frameworks``), in the standard's order, so a
report answers for the whole standard and not only for what the checks happen to cover:

- MANUAL: the standard assesses the control by hand. A covering check can still show it is
  broken (then FAIL); passing checks never make it PASS.
- NO CHECK: automatable, but no toolkit check covers it.
- NOT EVALUATED: the covering checks produced no rows at all, or gaps (ERROR) and no failure.
- FAIL: a covering check failed at least one resource.
- PASS: the covering checks produced rows, none FAIL and none ERROR.

A gap is never a PASS: PASS rows beside ERROR rows give NOT EVALUATED, with the gap named in
``detail``. MUTED findings (failures someone accepted) count as muted, not as failures.
"""

from __future__ import annotations

import sys
import types
from collections import Counter
from typing import TYPE_CHECKING

from .errors import UsageError
from .frameworks import Control, Framework, load

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STATUSES", "compliance"]

STATUSES = ("FAIL", "NOT EVALUATED", "PASS", "MANUAL", "NO CHECK")
_COUNTED = ("PASS", "FAIL", "ERROR", "MUTED")
_EXAMPLES = 3


def compliance(findings: pd.DataFrame, framework: str = "cis-3.0") -> pd.DataFrame:
    """One row per control: control_id, title, section/level or severity (whichever the
    framework has), status, checks, pass, fail, error, muted, detail."""
    import pandas as pd

    spec = load(framework)
    _check_ids_known(spec)
    tally = _Tally(findings)
    rows = [_row(control, tally) for control in spec.controls]
    table = pd.DataFrame(rows, columns=_columns(spec))
    for column in ("pass", "fail", "error", "muted"):
        table[column] = table[column].astype("int64")
    if "level" in table:
        table["level"] = table["level"].astype("Int64")
    table.attrs["framework"] = {
        "name": spec.name,
        "label": spec.label,
        "title": spec.title,
        "version": spec.version,
    }
    return table


def _check_ids_known(spec: Framework) -> None:
    """A framework naming a check that does not exist would show a silent NO CHECK."""
    from .checks import select
    from .frameworks.model import unknown_checks

    unknown = unknown_checks(spec, (entry.check_id for entry in select()))
    if unknown:
        raise UsageError(
            f"Framework {spec.name!r} names unknown check id(s) {', '.join(unknown)}; correct "
            "the framework file or install the plugin that provides them."
        )


class _Tally:
    """Counts per (check, status), failing resources and gap messages, read once."""

    def __init__(self, findings: pd.DataFrame) -> None:
        missing = [c for c in ("check_id", "status") if c not in findings.columns]
        if missing and len(findings):
            raise UsageError(
                f"Findings lack column(s) {', '.join(missing)}: pass the DataFrame that "
                "toolkit.run_checks returns."
            )
        self.counts: dict[str, Counter[str]] = {}
        self.failing: dict[str, list[str]] = {}
        self.gaps: dict[str, str] = {}
        if missing or findings.empty:
            return
        status = findings["status"].astype(str)
        check = findings["check_id"].astype(str)
        for (check_id, state), size in status.groupby(check).value_counts().items():
            self.counts.setdefault(check_id, Counter())[state] = int(size)
        resource = _resource_names(findings)
        for check_id, names in resource[status == "FAIL"].groupby(check[status == "FAIL"]):
            self.failing[check_id] = sorted(set(names.dropna().astype(str)))
        if "detail" in findings.columns:
            errors = findings.loc[status == "ERROR", ["check_id", "detail"]]
            for check_id, details in errors.groupby(errors["check_id"].astype(str))["detail"]:
                text = details.dropna().astype(str)
                self.gaps[check_id] = text.iloc[0] if len(text) else ""

    def total(self, checks: tuple[str, ...]) -> Counter[str]:
        total: Counter[str] = Counter()
        for check_id in checks:
            total.update(self.counts.get(check_id, Counter()))
        return total


def _resource_names(findings: pd.DataFrame) -> pd.Series:
    """resource_id, or the account where a finding is about the account itself."""
    if "resource_id" in findings.columns:
        names = findings["resource_id"].astype(object)
        if "account_id" in findings.columns:
            names = names.where(names.notna(), findings["account_id"])
        return names
    if "account_id" in findings.columns:
        return findings["account_id"].astype(object)
    return findings["check_id"].astype(object)


def _columns(spec: Framework) -> list[str]:
    optional = [
        field
        for field in ("section", "level", "severity")
        if any(getattr(c, field) is not None for c in spec.controls)
    ]
    return ["control_id", "title", *optional, "status", "checks", *_counted_columns(), "detail"]


def _counted_columns() -> list[str]:
    return [state.lower() for state in _COUNTED]


def _row(control: Control, tally: _Tally) -> dict[str, object]:
    counts = tally.total(control.checks)
    status, detail = _judge(control, counts, tally)
    row: dict[str, object] = {
        "control_id": control.id,
        "title": control.title,
        "section": control.section,
        "level": control.level,
        "severity": control.severity,
        "status": status,
        "checks": ", ".join(control.checks),
        "detail": detail,
    }
    row.update({state.lower(): counts[state] for state in _COUNTED})
    return row


def _judge(control: Control, counts: Counter[str], tally: _Tally) -> tuple[str, str]:
    checks = control.checks
    fail, error, passed, muted = (counts[s] for s in ("FAIL", "ERROR", "PASS", "MUTED"))
    failing = sorted({r for c in checks for r in tally.failing.get(c, [])})
    errored = [c for c in checks if tally.counts.get(c, Counter())["ERROR"]]
    silent = [c for c in checks if not tally.counts.get(c)]
    if control.manual:
        if fail:
            return "FAIL", f"{_failures(failing, fail)}; the rest is assessed by hand"
        if not checks:
            return "MANUAL", "assessed by hand in the standard; no check covers it"
        found = f"{passed} pass" + (f", {error} gap(s)" if error else "")
        return "MANUAL", f"assessed by hand in the standard; the checks found no failure ({found})"
    if not checks:
        return "NO CHECK", "no toolkit check covers this control"
    if fail:
        detail = _failures(failing, fail)
        if error:
            detail += f"; also {_gaps(errored, error, tally)}"
        return "FAIL", detail
    if error:
        detail = _gaps(errored, error, tally)
        if passed or muted:
            detail += f"; {passed} pass cannot stand for the resources not read"
        return "NOT EVALUATED", detail
    if not (passed or muted):
        return (
            "NOT EVALUATED",
            f"no findings from {', '.join(checks)}: not run, or nothing in scope",
        )
    detail = f"{passed} pass" + (f", {muted} muted" if muted else "")
    if silent:
        detail += f"; no findings from {', '.join(silent)}"
    return "PASS", detail


def _failures(resources: list[str], count: int) -> str:
    shown = ", ".join(resources[:_EXAMPLES])
    more = f" (+{len(resources) - _EXAMPLES} more)" if len(resources) > _EXAMPLES else ""
    return f"{count} failing: {shown}{more}" if shown else f"{count} failing"


def _gaps(checks: list[str], count: int, tally: _Tally) -> str:
    first = next((tally.gaps[c] for c in checks if tally.gaps.get(c)), "")
    why = f" ({first})" if first else ""
    return f"gap: {count} ERROR row(s) from {', '.join(checks)}{why}"


class _CallableModule(types.ModuleType):
    """``toolkit.compliance`` is re-exported lazily as this function, but importing this module
    rebinds the package attribute to the module itself; calling the module calls the function,
    so ``toolkit.compliance(findings)`` works either way."""

    def __call__(self, findings: pd.DataFrame, framework: str = "cis-3.0") -> pd.DataFrame:
        return compliance(findings, framework)


sys.modules[__name__].__class__ = _CallableModule
