"""``sso.instances``: the Identity Center instance(s) the caller administers."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import DISCOVERY_CALLS
from ._shared import instances as discovered


@table(
    "sso.instances",
    where="organization",
    key=("instance_arn",),
    calls=DISCOVERY_CALLS,
    columns=(
        ("instance_arn", "string", "The instance's ARN (arn:aws:sso:::instance/ssoins-...)."),
        ("identity_store_id", "string", "The instance's identity store (d-...)."),
        ("name", "string", "The instance's name, if it has one."),
        ("status", "string", "CREATE_IN_PROGRESS, DELETE_IN_PROGRESS or ACTIVE."),
        ("owner_account_id", "string", "The account that owns the instance."),
        ("created_date", "datetime64[ns, UTC]", "When the instance was created."),
    ),
)
async def instances(ctx: TableContext) -> list[dict[str, Any]]:
    """The IAM Identity Center instance(s) the caller administers, one row each, in its region."""
    return [
        {
            "region": instance["_region"],
            "instance_arn": instance["InstanceArn"],
            "identity_store_id": instance.get("IdentityStoreId"),
            "name": instance.get("Name"),
            "status": instance.get("Status"),
            "owner_account_id": instance.get("OwnerAccountId"),
            "created_date": instance.get("CreatedDate"),
        }
        for instance in await discovered(ctx)
    ]
