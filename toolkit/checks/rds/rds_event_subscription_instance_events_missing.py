from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import EVENT_SUBSCRIPTION, event_subscriptions_missing

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The event categories FSBP RDS.20 asks a db-instance subscription to send.
REQUIRED = frozenset({"failure", "maintenance", "configuration change"})


@check(
    title="RDS event subscription for instances misses critical events",
    severity="low",
    service="rds",
    resource_type=EVENT_SUBSCRIPTION,
    tables=["rds.event_subscriptions"],
    description="An RDS event notification subscription for source type db-instance is disabled or "
    "does not send every critical category FSBP RDS.20 names: failure, maintenance and configuration change.",
    risk="An instance failure, a maintenance or a changed setting that nobody is told about is found only by its users or an audit.",
    remediation="Enable the subscription and add the missing event categories.",
    remediation_cli="aws rds modify-event-subscription --region {region} --subscription-name "
    "{resource_id} --enabled --event-categories 'failure' 'maintenance' 'configuration change'",
)
def rds_event_subscription_instance_events_missing(inv: Inventory) -> pd.DataFrame:
    return event_subscriptions_missing(inv, "db-instance", REQUIRED)
