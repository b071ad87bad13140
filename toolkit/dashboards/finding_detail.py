"""A finding's detail as the findings dashboard shows it when the finding is chosen: the check's
description, risk and remediation (``toolkit.checks.REGISTRY``), its AWS CLI with the finding's
account, region and resource put in (``toolkit.exports`` fills the placeholders the same way),
the account's name beside its id, and, given the inventory, the resource's inventory row.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from ..accounts import account_label
from ..exports._shared import filled_cli
from ._common import text
from .resource_row import resource_row_html


def detail_html(
    row: pd.Series,
    account_names: Mapping[str, str] | None = None,
    inventory: Mapping[str, pd.DataFrame] | None = None,
) -> str:
    """One finding with its check's description, risk and remediation (from the registry), the
    check's CLI filled in for this finding, and, given the inventory, the resource's row."""
    from ..checks import REGISTRY, load_builtin

    if row["check_id"] not in REGISTRY:
        load_builtin()
    entry = REGISTRY.get(str(row["check_id"]))
    fields = [
        ("Check", f"{row['check_id']} ({row['severity']}, {row['status']})"),
        ("Resource", row["resource_id"]),
        ("ARN", row["resource_arn"]),
        (
            "Account / region",
            f"{account_label(text(row['account_id']), account_names or {})} / "
            f"{text(row['region'])}",
        ),
        ("Detail", row["detail"]),
        ("Description", entry.description if entry else None),
        ("Risk", entry.risk if entry else None),
        ("Remediation", entry.remediation if entry else row["remediation"]),
        ("Frameworks", row["frameworks"]),
    ]
    rows = "".join(
        f"<tr><th>{name}</th><td>{html.escape(text(value))}</td></tr>"
        for name, value in fields
        if text(value)
    )
    cli = ""
    if entry and entry.remediation_cli:
        plain = {name: text(value) or None for name, value in row.items()}
        command = filled_cli(entry.remediation_cli, plain)
        cli = f"<p><b>Fix with the AWS CLI</b></p><pre>{html.escape(command)}</pre>"
    resource = resource_row_html(inventory, row) if inventory is not None else ""
    return (
        f"<div class='toolkit-finding-detail'><h4>{html.escape(text(row['title']))}</h4>"
        f"<table class='toolkit-table'>{rows}</table>{cli}{resource}</div>"
    )
