from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EventBridge custom event bus has no resource-based policy",
    severity="low",
    service="events",
    resource_type="AWS::Events::EventBus",
    tables=["events.event_buses"],
    description="A custom event bus (any bus but the account's default one) has no "
    "resource-based policy attached, as FSBP EventBridge.3 evaluates it (AWS Config rule "
    "custom-eventbus-policy-attached; no parameters). Default buses are not evaluated.",
    risk="Without a policy the bus is open to every principal of the account that IAM lets in, "
    "and nothing on the bus itself says which other accounts may send events to it.",
    remediation="Attach a resource-based policy that names the accounts, organization or "
    "services allowed to put events on the bus.",
    remediation_cli="aws events put-permission --region {region} --event-bus-name "
    "{resource_id} --policy file://event-bus-policy.json",
)
def events_custom_event_bus_no_policy(inv: Inventory) -> pd.DataFrame:
    b = inv["events.event_buses"]
    custom = b[~b["is_default"].astype("boolean").fillna(False).astype(bool)]
    missing = custom["policy"].isna()
    detail = pd.Series("no resource-based policy attached", index=custom.index).where(
        missing, "resource-based policy attached"
    )
    return evaluate(custom, missing, custom["name"], detail, custom["arn"])
