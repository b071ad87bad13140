"""What every findings format needs: one row as plain values, a stable id per finding, the
check's metadata, account names and the export's clock.

A finding's id (``finding_uid``) is a hash of check, account, region and resource (the detail
stands in for the resource on a gap row, which has none): the same finding has the same id in
every format and every run, so Security Hub updates it in place and a SIEM can follow it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..accounts import ACCOUNTS_TABLE, account_names
from ..checks.base import FRAMEWORKS
from ..checks.runner import FINDINGS_COLUMNS

if TYPE_CHECKING:
    from ..checks.base import Check

#: The toolkit as a findings product, named the same way in every format.
PRODUCT_NAME = "aws-estate-toolkit"
#: Where findings of global services (IAM, Organizations: region ``global``) are filed when a
#: format needs a real region (ASFF's ProductArn), unless the caller names one or the inventory
#: was collected in some (then the first of them, the scope's home).
DEFAULT_HOME_REGION = "us-east-1"
_ORGANIZATION_ID = re.compile(r":account/(o-[a-z0-9]+)/")


@dataclass(frozen=True)
class Finding:
    """One row of the findings table, with missing values as None and the check's metadata."""

    check_id: str
    title: str
    severity: str
    status: str
    service: str
    account_id: str | None
    region: str | None
    resource_id: str | None
    resource_arn: str | None
    detail: str
    remediation: str
    frameworks: dict[str, list[str]]
    uid: str
    description: str
    risk: str
    resource_type: str
    remediation_cli: str

    @property
    def resource(self) -> str | None:
        """The resource's most precise name: its ARN where it has one, else its id."""
        return self.resource_arn or self.resource_id


@dataclass(frozen=True)
class ExportContext:
    """What an export knows beyond the findings: when it ran, the accounts' names, the
    organization's id and the region global findings are filed in."""

    generated_at: dt.datetime
    account_names: Mapping[str, str] = field(default_factory=dict)
    organization_id: str | None = None
    home_region: str = DEFAULT_HOME_REGION
    version: str = ""

    @functools.cached_property
    def stamp(self) -> str:
        """``generated_at`` as ISO 8601 UTC with milliseconds (``iso_time``)."""
        return iso_time(self.generated_at)

    @functools.cached_property
    def millis(self) -> int:
        """``generated_at`` in milliseconds since the epoch (OCSF's timestamp)."""
        return int(self.generated_at.timestamp() * 1000)

    def account_name(self, account_id: str | None) -> str | None:
        return self.account_names.get(account_id) if account_id else None

    def concrete_region(self, region: str | None) -> str:
        """``region``, or the home region for ``global`` (and for a row without one)."""
        return region if region and region not in ("global", "*") else self.home_region


def context_for(
    inventory: Mapping[str, Any] | None,
    generated_at: dt.datetime | None = None,
    home_region: str | None = None,
) -> ExportContext:
    """The export's context: account names and organization id from the inventory's
    ``organizations.accounts`` (none without it), the time now unless given, the home region
    given, else the first region the inventory was collected in, else us-east-1."""
    from .. import __version__

    names = account_names(inventory) if inventory is not None else {}
    organization = None
    accounts = inventory.get(ACCOUNTS_TABLE) if inventory is not None else None
    if accounts is not None and "arn" in accounts.columns:
        for arn in accounts["arn"].dropna():
            match = _ORGANIZATION_ID.search(str(arn))
            if match:
                organization = match.group(1)
                break
    moment = generated_at or dt.datetime.now(dt.UTC)
    collected = list(getattr(inventory, "meta", {}).get("regions") or [])
    return ExportContext(
        generated_at=moment.astimezone(dt.UTC),
        account_names=names,
        organization_id=organization,
        home_region=home_region or (collected[0] if collected else DEFAULT_HOME_REGION),
        version=__version__,
    )


def finding_uid(
    check_id: str,
    account_id: str | None,
    region: str | None,
    resource_id: str | None,
    detail: str = "",
) -> str:
    """A stable id for one (check, account, region, resource): 40 hex digits."""
    parts = (check_id, account_id or "", region or "", resource_id or f"detail:{detail}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


@functools.lru_cache(maxsize=4096)
def framework_ids(text: str | None) -> dict[str, list[str]]:
    """``{"CIS-3.0": ["2.1.4"], ...}`` from the findings' ``frameworks`` text
    (``CIS-3.0 2.1.4; AWS-FSBP S3.8``); one answer per text, shared: do not change it."""
    mapping: dict[str, list[str]] = {}
    for part in (text or "").split(";"):
        label, _, ids = part.strip().partition(" ")
        if label:
            mapping[label] = [i.strip() for i in ids.split(",") if i.strip()]
    return mapping


def framework_title(label: str) -> str:
    """The published name of a framework label (``CIS-3.0``), or the label itself."""
    return FRAMEWORKS.get(label, label)


def findings_rows(findings: pd.DataFrame) -> Iterator[Finding]:
    """Each finding as a ``Finding``, with its check's description, risk, resource type and
    CLI from the registry (a check no longer registered falls back to its title)."""
    checks = _registered()
    columns = [
        findings[c].astype(object).where(findings[c].notna(), None) for c in FINDINGS_COLUMNS
    ]
    for values in zip(*columns, strict=True):
        row = dict(zip(FINDINGS_COLUMNS, values, strict=True))
        entry = checks.get(row["check_id"])
        yield Finding(
            check_id=row["check_id"],
            title=row["title"],
            severity=str(row["severity"]),
            status=str(row["status"]),
            service=row["service"],
            account_id=row["account_id"],
            region=row["region"],
            resource_id=row["resource_id"],
            resource_arn=row["resource_arn"],
            detail=row["detail"] or "",
            remediation=row["remediation"] or "",
            frameworks=framework_ids(row["frameworks"]),
            uid=finding_uid(
                row["check_id"],
                row["account_id"],
                row["region"],
                row["resource_id"],
                row["detail"] or "",
            ),
            description=entry.description if entry else row["title"],
            risk=entry.risk if entry else "",
            resource_type=entry.resource_type if entry else "",
            remediation_cli=filled_cli(entry.remediation_cli if entry else "", row),
        )


def filled_cli(command: str, row: Mapping[str, Any]) -> str:
    """The check's CLI with this finding's ``{region}``, ``{account_id}``, ``{resource_id}``
    and ``{resource_arn}`` put in (other placeholders stay for the reader to fill)."""
    for name in ("region", "account_id", "resource_id", "resource_arn"):
        if row.get(name):
            command = command.replace("{" + name + "}", str(row[name]))
    return command


def _registered() -> dict[str, Check]:
    from ..checks import REGISTRY, load_builtin

    load_builtin()
    return dict(REGISTRY)


def iso_time(moment: dt.datetime) -> str:
    """``2026-01-31T23:00:00.123Z``: UTC with milliseconds, as Security Hub and OCSF take it."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
