"""Mutes: accepted findings, written down with a reason and an end date.

A mutes file is YAML: a list of entries with ``check`` (id or ``*``), ``account`` (id or ``*``),
``region`` (or ``*``), ``resource`` (a shell-style pattern, ``fnmatch``), ``reason`` and
``expires`` (a date). A FAIL that an unexpired entry matches becomes MUTED; an expired entry
applies to nothing and is reported, so accepted risks come back for review.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError

FIELDS = {"check", "account", "region", "resource", "reason", "expires"}


@dataclass(frozen=True)
class Mute:
    check: str
    account: str
    region: str
    resource: str
    reason: str
    expires: dt.date

    def expired(self, today: dt.date) -> bool:
        return self.expires < today

    def matcher(self) -> re.Pattern[str]:
        return re.compile(fnmatch.translate(self.resource))


def load_mutes(source: str | Path | list[dict[str, Any]]) -> list[Mute]:
    """Read and check a mutes file (or a list of entries); errors name the entry and the fix."""
    if isinstance(source, list):
        entries, where = source, "mutes"
    else:
        path = Path(source)
        where = str(path)
        if not path.is_file():
            raise UsageError(f"Mutes file {path} does not exist; give the path of a YAML file.")
        try:
            entries = yaml.safe_load(path.read_text()) or []
        except yaml.YAMLError as exc:
            raise UsageError(
                f"Mutes file {path} is not valid YAML ({exc}); fix the file."
            ) from None
    if not isinstance(entries, list):
        raise UsageError(f"{where} must be a list of mute entries; fix the file.")
    mutes = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: entry {number} must be a mapping; fix the file.")
        unknown = set(entry) - FIELDS
        missing = {"check", "reason", "expires"} - set(entry)
        if unknown or missing:
            problem = (
                f"unknown key(s) {', '.join(sorted(unknown))}"
                if unknown
                else f"missing {', '.join(sorted(missing))}"
            )
            raise UsageError(
                f"{where}: entry {number} has {problem}; each entry takes "
                f"{', '.join(sorted(FIELDS))}."
            )
        expires = entry["expires"]
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                expires = None
        if not isinstance(expires, dt.date):
            raise UsageError(
                f"{where}: entry {number} has expires {entry['expires']!r}; write a date "
                "such as 2027-03-31."
            )
        resource = str(entry.get("resource", "*"))
        if resource.count("[") != resource.count("]"):
            raise UsageError(
                f"{where}: entry {number} has a bad resource pattern {resource!r} (unbalanced "
                "brackets); use * and ? wildcards."
            )
        mutes.append(
            Mute(
                check=str(entry["check"]),
                account=str(entry.get("account", "*")),
                region=str(entry.get("region", "*")),
                resource=resource,
                reason=str(entry["reason"]),
                expires=expires,
            )
        )
    return mutes
