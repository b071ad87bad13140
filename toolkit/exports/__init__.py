"""Findings in the formats other tools take in: CSV and Parquet (tables), OCSF Detection
Finding JSON (SIEMs, data lakes), ASFF (Security Hub) and JUnit XML (CI).

``export(findings, ["csv", "ocsf"], "out/")`` writes one file per format into the folder
(``findings.csv``, ``findings.ocsf.json``, ...), each whole or not at all (``toolkit.files``),
and returns their paths. Formats are checked before anything is written: an unknown one is a
``UsageError`` naming the known ones. Given the inventory the findings came from, OCSF and
ASFF name each account and the organization. One module per format; see ``docs/exports.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import UsageError
from ._shared import ExportContext, context_for, finding_uid
from .asff import batches, security_findings, write_asff
from .junit import write_junit
from .ocsf import detection_findings, write_ocsf
from .tabular import write_csv, write_parquet

__all__ = [
    "FORMATS",
    "ExportContext",
    "batches",
    "context_for",
    "detection_findings",
    "export",
    "file_name",
    "finding_uid",
    "parse_formats",
    "security_findings",
]

Writer = Callable[[pd.DataFrame, Path, ExportContext], None]

#: format -> (file name, writer)
FORMATS: dict[str, tuple[str, Writer]] = {
    "csv": ("findings.csv", lambda findings, target, _: write_csv(findings, target)),
    "parquet": ("findings.parquet", lambda findings, target, _: write_parquet(findings, target)),
    "ocsf": ("findings.ocsf.json", write_ocsf),
    "asff": ("findings.asff.json", write_asff),
    "junit": ("findings.junit.xml", write_junit),
}


def parse_formats(formats: str | Iterable[str]) -> list[str]:
    """``"csv,ocsf"`` (or a list) as known format names, in order, each once; an unknown or
    empty one is a UsageError in one sentence naming the known formats."""
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = [name.strip().lower() for name in names if name.strip()]
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        wanted = (
            f"Unknown findings format {', '.join(map(repr, unknown))}"
            if unknown
            else ("No findings format given")
        )
        raise UsageError(f"{wanted}; choose from {', '.join(FORMATS)} (comma-separated).")
    return list(dict.fromkeys(chosen))


def file_name(fmt: str) -> str:
    """The file a format is written to inside the export folder (``findings.ocsf.json``)."""
    return FORMATS[parse_formats([fmt])[0]][0]


def export(
    findings: pd.DataFrame,
    formats: str | Iterable[str],
    directory: str | Path,
    inventory: Mapping[str, Any] | None = None,
    *,
    generated_at: dt.datetime | None = None,
    home_region: str | None = None,
) -> dict[str, Path]:
    """Write ``findings`` in each of ``formats`` into ``directory``; ``{format: path}``.

    ``inventory`` (optional) gives account names and the organization id; ``generated_at``
    stamps the findings (default: now); ``home_region`` is where ASFF files findings of global
    services (default: the inventory's first region, else ``us-east-1``)."""
    chosen = parse_formats(formats)
    folder = Path(directory)
    context = context_for(inventory, generated_at, home_region)
    written: dict[str, Path] = {}
    for name in chosen:
        target_name, writer = FORMATS[name]
        target = folder / target_name
        writer(findings, target, context)
        written[name] = target
    return written
