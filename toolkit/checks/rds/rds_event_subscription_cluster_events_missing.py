from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import EVENT_SUBSCRIPTION, event_subscriptions_missing

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The event categories FSBP RDS.19 asks a db-cluster subscription to send.
REQUIRED = frozenset({"failure", "maintenance"})


@check(
    title="RDS event subscription for clusters misses critical events",
    severity="low",
    service="rds",
    resource_type=EVENT_SUBSCRIPTION,
    tables=["rds.event_subscriptions"],
    description="An RDS event notification subscription for source type db-cluster is disabled or "
    "does not send every critical category FSBP RDS.19 names: failure and maintenance.",
    risk="A cluster failover or maintenance that nobody is told about is found only by its users.",
    remediation="Enable the subscription and add the missing event categories.",
    remediation_cli="aws rds modify-event-subscription --region {region} --subscription-name "
    "{resource_id} --enabled --event-categories 'failure' 'maintenance'",
)
def rds_event_subscription_cluster_events_missing(inv: Inventory) -> pd.DataFrame:
    return event_subscriptions_missing(inv, "db-cluster", REQUIRED)
