"""A framework file's shape, and the checks that keep a hand-edited file honest.

A framework is a YAML document: ``title``, the ordered list of ``controls`` and, optionally,
``id`` (the file's name), ``label`` (the key findings use) and ``version``. Each control has an
``id``, a ``title``, optional ``section``, ``level``, ``assessment`` and ``severity``, and the
``checks`` (toolkit check ids) whose findings settle it. Parsing refuses what a typo would
otherwise turn into a silent gap: duplicate ids, unknown check ids, unknown fields, ids that
YAML read as numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError

ASSESSMENTS = ("automated", "manual")
SEVERITIES = ("critical", "high", "medium", "low", "informational")
_TOP = {"id", "label", "title", "version", "controls"}
_CONTROL = {"id", "title", "section", "level", "assessment", "severity", "checks"}


@dataclass(frozen=True)
class Control:
    """One control (CIS calls them recommendations) as the standard publishes it."""

    id: str
    title: str
    checks: tuple[str, ...] = ()
    section: str | None = None
    level: int | None = None
    assessment: str = "automated"
    severity: str | None = None

    @property
    def manual(self) -> bool:
        return self.assessment == "manual"


@dataclass(frozen=True)
class Framework:
    """Every control of one standard, in the standard's order."""

    name: str
    title: str
    version: str
    controls: tuple[Control, ...]
    label: str = ""
    origin: str = "toolkit"

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name)

    def __len__(self) -> int:
        return len(self.controls)

    def __getitem__(self, control_id: str) -> Control:
        for control in self.controls:
            if control.id == control_id:
                return control
        raise KeyError(control_id)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.controls]

    def _repr_html_(self) -> str:
        covered = sum(1 for c in self.controls if c.checks)
        return (
            f"<b>{self.title} {self.version}</b> ({self.name}): {len(self)} controls, "
            f"{covered} covered by toolkit checks"
        )


def parse(
    name: str, document: Any, known_checks: Iterable[str] | None, origin: str = "toolkit"
) -> Framework:
    """A Framework from a loaded YAML document; a UsageError names the file and every problem.

    ``known_checks`` None leaves check ids unchecked: the layer that knows the checks
    (``toolkit.compliance``) checks them, so that frameworks never import the checks."""
    where = f"Framework {name!r} ({origin})"
    if not isinstance(document, dict):
        raise UsageError(f"{where} is not a YAML mapping with label, title, version, controls.")
    problems = [f"unknown field {k!r}" for k in sorted(set(document) - _TOP)]
    if not isinstance(document.get("title"), str) or not document["title"].strip():
        problems.append("title must be a non-empty string")
    if document.get("id") not in (None, name):
        problems.append(f"id {document['id']!r} differs from the file's name {name!r}")
    raw = document.get("controls")
    if not isinstance(raw, list) or not raw:
        problems.append("controls must be a non-empty list")
        raw = []
    known = None if known_checks is None else set(known_checks)
    controls, seen = [], set()
    for position, item in enumerate(raw, 1):
        control, errors = _control(item, position, known)
        problems += errors
        if control is None:
            continue
        if control.id in seen:
            problems.append(f"control id {control.id!r} appears twice")
        seen.add(control.id)
        controls.append(control)
    if problems:
        raise UsageError(f"{where} is not valid: {'; '.join(problems)}.")
    return Framework(
        name=name,
        title=document["title"],
        version=str(document.get("version") or ""),
        controls=tuple(controls),
        label=str(document.get("label") or name),
        origin=origin,
    )


def _control(item: Any, position: int, known: set[str] | None) -> tuple[Control | None, list[str]]:
    if not isinstance(item, dict):
        return None, [f"control #{position} is not a mapping"]
    cid = item.get("id")
    label = f"control {cid!r}" if cid is not None else f"control #{position}"
    problems = [f"{label}: unknown field {k!r}" for k in sorted(set(item) - _CONTROL)]
    if not isinstance(cid, str) or not cid.strip():
        problems.append(f"{label}: id must be a string (quote ids such as '1.10' in YAML)")
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        problems.append(f"{label}: title must be a non-empty string")
    checks = item.get("checks") or []
    if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
        problems.append(f"{label}: checks must be a list of check ids")
        checks = []
    unknown = [] if known is None else [c for c in checks if c not in known]
    if unknown:
        problems.append(f"{label}: unknown check id(s) {', '.join(unknown)}")
    level = item.get("level")
    if level is not None and (not isinstance(level, int) or isinstance(level, bool)):
        problems.append(f"{label}: level must be a whole number")
    assessment = item.get("assessment", "automated")
    if assessment not in ASSESSMENTS:
        problems.append(f"{label}: assessment must be one of {', '.join(ASSESSMENTS)}")
    severity = item.get("severity")
    if severity is not None and severity not in SEVERITIES:
        problems.append(f"{label}: severity must be one of {', '.join(SEVERITIES)}")
    if problems:
        return None, problems
    control = Control(
        id=cid,
        title=item["title"],
        checks=tuple(checks),
        section=item.get("section"),
        level=level,
        assessment=assessment,
        severity=severity,
    )
    return control, []


def unknown_checks(framework: Framework, known_checks: Iterable[str]) -> list[str]:
    """The check ids the framework names that are not known checks."""
    known = set(known_checks)
    return sorted({c for control in framework.controls for c in control.checks} - known)
