"""Estate files: the YAML that declares an emulated organization, checked before anything runs.

An estate names the organization (OUs, accounts, SCPs), IAM Identity Center, and per account its
buckets, VPCs and IAM principals. ``planted:`` on any resource lists the misconfigurations made
there on purpose; they become the ground truth that tests compare findings with. A key the
schema does not know is an error naming the key and where it stands.

Only the top-level keys are declared here: each service's keys, and the checks a schema cannot
say, belong to its seeder in ``seeders/``, and ``SCHEMA`` is put together from theirs.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from . import seeders
from .seeders.organizations import account_keys
from .seeders.schema import check_schema

__all__ = ["SCHEMA", "account_keys", "estate_path", "load_estate"]

#: A FAIL that is a default of the estate rather than planted: check id, account key (or *),
#: resource pattern (fnmatch), and why it is accepted.
EXPECTED = {"check": str, "account": str, "resource": str, "reason": str}


def _compose(part: str, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with every seeder's ``part`` (SCHEMA or ACCOUNT_SCHEMA); a key two own is a bug."""
    schema = dict(base)
    for service in seeders.SERVICES:
        for key, spec in getattr(service, part, {}).items():
            if key in schema:
                raise RuntimeError(f"estate key {key!r} of {service.__name__} is taken twice")
            schema[key] = spec
    return schema


#: The keys of each ``accounts.<key>`` mapping: every seeder's ACCOUNT_SCHEMA.
RESOURCES = _compose("ACCOUNT_SCHEMA", {})
SCHEMA = _compose(
    "SCHEMA",
    {
        "description": str,
        "seed": int,
        #: Accounts seeded at once (default 1: one after another, so moto's ids are the same on
        #: every run; more is faster, with ids that vary).
        "seed_workers": int,
        "regions": [str],
        "accounts": ("map", RESOURCES),
        "faults": {"access_denied": [[str]], "unassumable_accounts": [str]},
        "expected_findings": [EXPECTED],
    },
)


def bundled_estates() -> Traversable:
    """The estates shipped inside the package: found through the import system, so they are
    there from a wheel as well as from a checkout."""
    return files("toolkit") / "data" / "estates"


def estate_path(estate: str | Path) -> Path | Traversable:
    """A bundled estate by name (``demo``) or a YAML file by path."""
    path = Path(estate)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise UsageError(
                f"Estate file {path} does not exist; give a YAML file or a bundled name."
            )
        return path
    folder = bundled_estates()
    bundled = folder / f"{estate}.yaml"
    if not bundled.is_file():
        names = ", ".join(
            sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
        )
        raise UsageError(f"Unknown estate {estate!r}; use one of {names} or a path to a YAML file.")
    return bundled


def load_estate(estate: str | Path | dict[str, Any]) -> dict[str, Any]:
    """Read and check an estate; every error names the key and its place in the file."""
    if isinstance(estate, dict):
        data, source = estate, "<estate>"
    else:
        path = estate_path(estate)
        source = str(path)
        try:
            data = yaml.safe_load(path.read_text())
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise UsageError(
                f"Estate file {source} is not readable YAML ({exc}); fix the file."
            ) from None
    if not isinstance(data, dict):
        raise UsageError(f"Estate file {source} must hold a mapping at the top; fix the file.")
    check_schema(data, SCHEMA, "", source)
    for service in seeders.SERVICES:
        if hasattr(service, "check"):
            service.check(data, source)
    return data
