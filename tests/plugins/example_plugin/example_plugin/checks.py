"""``example_caller_is_assumed_role``: each account is read through an assumed role.

Importing this module registers the check; the ``toolkit.checks`` entry point names it.
"""

from __future__ import annotations

from typing import Any

from toolkit.checks.base import check, evaluate

from . import tables  # noqa: F401  (the check's table is registered first)


@check(
    title="Accounts are read through an assumed role",
    severity="low",
    service="example",
    resource_type="AwsAccount",
    tables=("example.caller_identity",),
    description="The toolkit reads each account as an assumed role, not as a long-lived user.",
    risk="A long-lived identity that reads every account is a standing credential to steal.",
    remediation="Read member accounts through a role assumed from the management account.",
)
def example_caller_is_assumed_role(inv: Any) -> Any:
    frame = inv["example.caller_identity"]
    assumed = frame["arn"].str.contains(":assumed-role/", regex=False).fillna(False)
    return evaluate(frame, ~assumed, frame["account_id"], frame["arn"], resource_arn=frame["arn"])
