"""Checks as data beside their logic (after Prowler): metadata validated at registration.

A check is a pure function over the Inventory that returns one row per evaluated resource with
a boolean ``failed`` column (build it with ``evaluate``). Its metadata (id = the function's
name, title, severity, service, resource type, description, risk, remediation text and AWS CLI
command, frameworks) is declared with ``@check`` and checked at once: a check with incomplete
or inconsistent metadata cannot be registered, nor can a built-in check whose id, function
name and file name disagree (``toolkit/checks/<service>/<check_id>.py``), nor a second check
with an id already taken. Users define their own checks in a notebook cell with the same
decorator; they then run with the built-in ones.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from ..inventory import Inventory

SEVERITIES = ("critical", "high", "medium", "low", "informational")
FRAMEWORKS = {
    "CIS-3.0": "CIS AWS Foundations Benchmark v3.0.0",
    "AWS-FSBP": "AWS Foundational Security Best Practices",
}
_CHECK_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")

CheckFunction = Callable[["Inventory"], "pd.DataFrame"]


@dataclass(frozen=True)
class Check:
    check_id: str
    title: str
    severity: str
    service: str
    resource_type: str
    tables: tuple[str, ...]
    description: str
    risk: str
    remediation: str
    function: CheckFunction
    remediation_cli: str = ""
    #: A custom check's own framework ids; built-ins are mapped in toolkit/frameworks/*.yaml.
    declared_frameworks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    builtin: bool = True

    def __call__(self, inventory: Inventory) -> pd.DataFrame:
        return self.function(inventory)

    @property
    def frameworks(self) -> dict[str, tuple[str, ...]]:
        """The controls this check covers per framework label: the framework files' mapping
        (``toolkit.frameworks``), plus a custom check's own ids."""
        from ..frameworks import frameworks_of

        mapping = {label: tuple(ids) for label, ids in frameworks_of(self.check_id).items()}
        for label, ids in self.declared_frameworks.items():
            mapping[label] = tuple(dict.fromkeys((*mapping.get(label, ()), *ids)))
        return mapping

    @property
    def framework_text(self) -> str:
        """``CIS-3.0 2.1.4; AWS-FSBP S3.8``: one string, sortable and greppable."""
        return "; ".join(
            f"{name} {', '.join(ids)}" for name, ids in sorted(self.frameworks.items())
        )

    def metadata(self) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "title": self.title,
            "severity": self.severity,
            "service": self.service,
            "resource_type": self.resource_type,
            "tables": list(self.tables),
            "description": self.description,
            "risk": self.risk,
            "remediation": self.remediation,
            "remediation_cli": self.remediation_cli,
            "frameworks": {k: list(v) for k, v in self.frameworks.items()},
        }


REGISTRY: dict[str, Check] = {}


def check(
    *,
    title: str,
    severity: str,
    service: str,
    resource_type: str,
    tables: Iterable[str],
    description: str,
    risk: str,
    remediation: str,
    remediation_cli: str = "",
    frameworks: Mapping[str, Iterable[str]] | None = None,
) -> Callable[[CheckFunction], Check]:
    """Register a check; the function's name is its id (snake_case, e.g. s3_bucket_public)."""

    def register(function: CheckFunction) -> Check:
        entry = Check(
            check_id=function.__name__,
            title=title,
            severity=severity,
            service=service,
            resource_type=resource_type,
            tables=tuple(tables),
            description=description,
            risk=risk,
            remediation=remediation,
            function=function,
            remediation_cli=remediation_cli,
            declared_frameworks={k: tuple(v) for k, v in (frameworks or {}).items()},
            builtin=function.__module__.startswith("toolkit.checks."),
        )
        validate(entry)
        _refuse_second_definition(entry)
        REGISTRY[entry.check_id] = entry
        return entry

    return register


def _origin(entry: Check) -> str:
    return f"{entry.function.__module__}.{entry.function.__qualname__}"


def _refuse_second_definition(entry: Check) -> None:
    """A check id names one check: a plugin or notebook check that reuses another's id is an
    error, not a silent replacement (the same function defined again, e.g. a notebook cell run
    twice, simply replaces itself). The built-ins are registered first, whatever the order in
    which plugins and built-ins are imported, so a clash is always reported on the newcomer."""
    if not entry.builtin:
        from .discover import import_builtin

        import_builtin()
    existing = REGISTRY.get(entry.check_id)
    if existing is not None and _origin(existing) != _origin(entry):
        raise UsageError(
            f"Check {entry.check_id!r} is defined twice: by {_origin(existing)} and by "
            f"{_origin(entry)}; rename one of them."
        )


def validate(entry: Check) -> None:
    """Metadata errors are a UsageError naming the check and the field."""
    from ..collectors import REGISTRY as TABLES

    problems = []
    if not _CHECK_ID.match(entry.check_id):
        problems.append("its id (the function name) must be snake_case with a service prefix")
    elif not entry.check_id.startswith(entry.service.split("-")[0] + "_"):
        problems.append(f"its id must start with its service {entry.service!r} and '_'")
    if entry.severity not in SEVERITIES:
        problems.append(f"severity must be one of {', '.join(SEVERITIES)}")
    for name in ("title", "service", "resource_type", "description", "risk", "remediation"):
        if not str(getattr(entry, name)).strip():
            problems.append(f"{name} is empty")
    if not entry.tables:
        problems.append("it names no input table")
    unknown = [t for t in entry.tables if t not in TABLES]
    if unknown:
        problems.append(f"unknown table(s) {', '.join(unknown)}")
    bad = [f for f in entry.declared_frameworks if f not in FRAMEWORKS]
    if bad:
        problems.append(f"unknown framework(s) {', '.join(bad)}; use {', '.join(FRAMEWORKS)}")
    if entry.builtin and entry.declared_frameworks:
        problems.append(
            "a built-in check is mapped to framework controls in toolkit/frameworks/*.yaml, "
            "not with frameworks= in @check"
        )
    if entry.builtin:
        problems += _misplaced(entry)
    if problems:
        raise UsageError(f"Check {entry.check_id!r} is not valid: {'; '.join(problems)}.")


def builtin_module(service: str, check_id: str) -> str:
    """The module a built-in check must be: toolkit.checks.<service>.<check_id> (a service
    whose name is a Python keyword, lambda, gets a trailing '_')."""
    folder = service.replace("-", "_")
    return f"{__package__}.{folder}{'_' if keyword.iskeyword(folder) else ''}.{check_id}"


def _misplaced(entry: Check) -> list[str]:
    """As Prowler requires, a built-in's id, its function's name and its file's name agree, and
    the file is in its service's folder."""
    expected = builtin_module(entry.service, entry.check_id)
    actual = entry.function.__module__
    if actual == expected:
        return []
    return [
        f"a built-in check is defined in the file named by its id, "
        f"{expected.replace('.', '/')}.py, not in {actual.replace('.', '/')}.py"
    ]


def evaluate(
    frame: pd.DataFrame,
    failed: pd.Series | bool,
    resource_id: pd.Series | str,
    detail: pd.Series | str = "",
    resource_arn: pd.Series | str | None = None,
    region: pd.Series | str | None = None,
) -> pd.DataFrame:
    """One row per evaluated resource of ``frame``: the shape every check returns."""
    import pandas as pd

    index = frame.index

    def column(value: Any) -> pd.Series:
        if isinstance(value, pd.Series):
            return value.reindex(index)
        return pd.Series([value] * len(index), index=index, dtype="object")

    return pd.DataFrame(
        {
            "account_id": frame["account_id"],
            "region": column(frame["region"] if region is None else region),
            "resource_id": column(resource_id),
            "resource_arn": column(resource_arn),
            "failed": column(failed).astype("boolean").fillna(False),
            "detail": column(detail),
        },
        index=index,
    )


def each(series: pd.Series, parse: Callable[[Any], Any], default: Any = None) -> pd.Series:
    """``parse`` applied to every non-null value (a JSON document, a list), ``default`` for
    nulls; an object Series, whatever the input's dtype (an all-null string column included)."""
    import pandas as pd

    return series.astype(object).map(lambda value: default if pd.isna(value) else parse(value))


def select(checks: Iterable[str] | str | None = None) -> list[Check]:
    """The checks to run: all, or the named ones (ids or service names)."""
    from .discover import load_builtin

    load_builtin()
    if checks is None:
        return list(REGISTRY.values())
    names = [c.strip() for c in (checks.split(",") if isinstance(checks, str) else checks)]
    chosen = []
    for name in names:
        matched = [c for c in REGISTRY.values() if c.check_id == name or c.service == name]
        if not matched:
            raise UsageError(
                f"Unknown check or service {name!r}; run 'toolkit checks list' to see them."
            )
        chosen += [c for c in matched if c not in chosen]
    return chosen
