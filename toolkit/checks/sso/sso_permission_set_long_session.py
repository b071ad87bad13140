from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import PERMISSION_SET

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Sessions longer than this many hours fail sso_permission_set_long_session.
MAX_SESSION_HOURS = 8


@check(
    title="Permission set allows long sessions",
    severity="low",
    service="sso",
    resource_type=PERMISSION_SET,
    tables=["sso.permission_sets"],
    description=f"The permission set's session duration is longer than {MAX_SESSION_HOURS} "
    "hours (AWS allows up to 12).",
    risk="A stolen session (browser cookie, exported credentials) stays usable for longer, and "
    "removed access takes longer to take effect.",
    remediation=f"Set the session duration to {MAX_SESSION_HOURS} hours or less (1 hour for "
    "administrator permission sets), then re-provision the permission set.",
    remediation_cli="aws sso-admin update-permission-set --instance-arn INSTANCE_ARN "
    f"--permission-set-arn {{resource_id}} --session-duration PT{MAX_SESSION_HOURS}H",
)
def sso_permission_set_long_session(inv: Inventory) -> pd.DataFrame:
    p = inv["sso.permission_sets"]
    hours = p["session_duration_hours"]
    detail = p["name"].fillna("") + ": session " + p["session_duration"].fillna("not set (PT1H)")
    return evaluate(
        p, (hours > MAX_SESSION_HOURS).fillna(False), p["permission_set_arn"], detail,
        p["permission_set_arn"],
    )  # fmt: skip
