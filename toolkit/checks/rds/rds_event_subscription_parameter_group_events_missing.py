from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import EVENT_SUBSCRIPTION, event_subscriptions_missing

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The event categories FSBP RDS.21 asks a db-parameter-group subscription to send.
REQUIRED = frozenset({"configuration change"})


@check(
    title="RDS event subscription for parameter groups misses configuration changes",
    severity="low",
    service="rds",
    resource_type=EVENT_SUBSCRIPTION,
    tables=["rds.event_subscriptions"],
    description="An RDS event notification subscription for source type db-parameter-group is disabled or "
    "does not send every critical category FSBP RDS.21 names: configuration change.",
    risk="A changed database parameter (logging, TLS, authentication) goes unnoticed.",
    remediation="Enable the subscription and add the missing event categories.",
    remediation_cli="aws rds modify-event-subscription --region {region} --subscription-name "
    "{resource_id} --enabled --event-categories 'configuration change'",
)
def rds_event_subscription_parameter_group_events_missing(inv: Inventory) -> pd.DataFrame:
    return event_subscriptions_missing(inv, "db-parameter-group", REQUIRED)
