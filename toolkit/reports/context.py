"""What a report notebook works on, from its parameters: a snapshot, the demo estate, or AWS.

A thin call of ``toolkit.open_inventory``, the one way every command and report gets an
inventory. No credential is ever a parameter: live runs use the profile or the environment, as
boto3 does.
"""

from __future__ import annotations

from typing import Any

from ..inventory import Inventory
from ..sources import open_inventory


def report_inventory(
    demo: bool = False,
    snapshot: str | None = None,
    profile: str | None = None,
    regions: str | list[str] | None = None,
    accounts: str | list[str] | None = None,
    endpoint_url: str | None = None,
    role_name: str | None = None,
    max_concurrency: int | None = None,
    read_timeout: float | None = None,
    max_attempts: int | None = None,
    *,
    tables: list[str] | None = None,
) -> Inventory:
    """The inventory a report describes; None means the toolkit's default. A snapshot wins
    over the notebooks' ``demo=True`` default; a demo sandbox stops once collected.
    ``tables``: collect only these (a report that reads a few tables need not wait for all);
    a snapshot is read whole (lazily: only the tables used are loaded)."""
    return open_inventory(
        snapshot,
        tables=None if snapshot else tables,
        demo=bool(demo) and not snapshot,
        progress=False,
        profile=profile,
        regions=regions,
        accounts=accounts,
        endpoint_url=endpoint_url,
        role_name=role_name,
        max_concurrency=max_concurrency,
        read_timeout=read_timeout,
        max_attempts=max_attempts,
    )


def apply_mutes(mutes: str | None) -> Any:
    from ..checks.mutes import load_mutes

    return load_mutes(mutes) if mutes else None
