"""Findings as JUnit XML, the test report every CI system reads (GitLab, Jenkins, GitHub
Actions' test reporters): a failing check fails the build and shows where.

One ``testsuite`` per service, one ``testcase`` per (check, resource) with the check's id as
its ``classname`` and ``account region resource`` as its name; a FAIL carries a ``failure``
(message: the detail; type: the severity; text: title, resource, remediation and its CLI), a
MUTED finding is ``skipped`` (accepted, with its detail), an ERROR is an ``error`` (not
evaluated), a PASS is a bare test case. Written with the standard library's ElementTree;
cases are sorted by service, check, account, region and resource so that two runs diff well.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pandas as pd

from ..accounts import account_label
from ..files import atomic_write_bytes
from ._shared import PRODUCT_NAME, ExportContext, Finding, findings_rows

#: Characters XML 1.0 cannot hold (control characters but tab, newline, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: status -> the child element a test case gets (None: it passed)
OUTCOMES = {"FAIL": "failure", "MUTED": "skipped", "ERROR": "error", "PASS": None}
#: child element -> the suite attribute that counts it
COUNTED_AS = {"failure": "failures", "skipped": "skipped", "error": "errors"}


def junit_tree(findings: pd.DataFrame, context: ExportContext) -> ET.ElementTree:
    """The findings as a ``testsuites`` document."""
    rows = sorted(
        findings_rows(findings),
        key=lambda r: (r.service, r.check_id, r.account_id or "", r.region or "", r.resource or ""),
    )
    stamp = context.stamp
    root = ET.Element("testsuites", name=f"{PRODUCT_NAME} checks", timestamp=stamp)
    suites: dict[str, ET.Element] = {}
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        suite = suites.get(row.service)
        if suite is None:
            suite = ET.SubElement(root, "testsuite", name=row.service, timestamp=stamp)
            suites[row.service] = suite
            counts[row.service] = Counter()
        _case(suite, row, context)
        counts[row.service]["tests"] += 1
        outcome = OUTCOMES.get(row.status, "error")
        if outcome:
            counts[row.service][COUNTED_AS[outcome]] += 1
    total: Counter[str] = Counter()
    for service, suite in suites.items():
        _set_counts(suite, counts[service])
        total.update(counts[service])
    _set_counts(root, total)
    ET.indent(root)
    return ET.ElementTree(root)


def _case(suite: ET.Element, row: Finding, context: ExportContext) -> None:
    where = " ".join(
        (
            row.account_id or "*",
            row.region or "*",
            row.resource_id or f"(not evaluated {row.uid[:8]})",
        )
    )
    case = ET.SubElement(suite, "testcase", classname=row.check_id, name=_xml(where), time="0")
    outcome = OUTCOMES.get(row.status, "error")
    detail = _xml(row.detail)
    if outcome == "failure":
        failure = ET.SubElement(case, "failure", message=detail, type=row.severity)
        failure.text = _xml(_failure_text(row, context))
    elif outcome == "skipped":
        ET.SubElement(case, "skipped", message=f"muted: {detail}")
    elif outcome == "error":
        ET.SubElement(case, "error", message=detail, type="not evaluated")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(row: Finding, context: ExportContext) -> str:
    account = row.account_id and account_label(row.account_id, context.account_names)
    lines = [
        f"{row.title} ({row.severity})",
        f"account: {account or '-'}  region: {row.region or '-'}",
        f"resource: {row.resource or '-'}",
        f"detail: {row.detail}",
        f"remediation: {row.remediation}",
    ]
    if row.remediation_cli:
        lines.append(f"cli: {row.remediation_cli}")
    return "\n".join(lines)


def _set_counts(element: ET.Element, counts: Counter[str]) -> None:
    for name in ("tests", "failures", "errors", "skipped"):
        element.set(name, str(counts.get(name, 0)))
    element.set("time", "0")


def write_junit(findings: pd.DataFrame, target: Path, context: ExportContext) -> None:
    """The JUnit XML document, UTF-8 with its declaration, whole or not at all."""
    buffer = io.BytesIO()
    junit_tree(findings, context).write(buffer, encoding="utf-8", xml_declaration=True)
    atomic_write_bytes(target, buffer.getvalue())
