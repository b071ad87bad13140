"""What a report notebook works on, from its parameters: a snapshot, the demo estate, or AWS.

No credential is ever a parameter: live runs use the profile or the environment, as boto3 does.
"""

from __future__ import annotations

import atexit
from typing import Any

from ..inventory import Inventory


def report_inventory(
    demo: bool = False,
    snapshot: str | None = None,
    profile: str | None = None,
    regions: str | list[str] | None = None,
    accounts: str | list[str] | None = None,
    endpoint_url: str | None = None,
) -> Inventory:
    """The inventory a report describes; a sandbox started here stops with the kernel."""
    if snapshot:  # a snapshot wins over the demo default: nothing is collected
        return Inventory.load(snapshot)
    from ..engine import collect_sync
    from ..scope import Scope

    if demo:
        from ..sandbox import Sandbox

        sandbox = Sandbox().start()
        atexit.register(sandbox.stop)
        scope = sandbox.scope(
            **{k: v for k, v in {"regions": regions, "accounts": accounts}.items() if v}
        )
    else:
        scope = Scope(
            profile=profile, regions=regions, accounts=accounts, endpoint_url=endpoint_url
        )
    return collect_sync(scope, progress=False)


def apply_mutes(mutes: str | None) -> Any:
    from ..checks.mutes import load_mutes

    return load_mutes(mutes) if mutes else None
