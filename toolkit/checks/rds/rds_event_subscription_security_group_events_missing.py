from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import EVENT_SUBSCRIPTION, event_subscriptions_missing

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The event categories FSBP RDS.22 asks a db-security-group subscription to send.
REQUIRED = frozenset({"configuration change", "failure"})


@check(
    title="RDS event subscription for DB security groups misses critical events",
    severity="low",
    service="rds",
    resource_type=EVENT_SUBSCRIPTION,
    tables=["rds.event_subscriptions"],
    description="An RDS event notification subscription for source type db-security-group is disabled or "
    "does not send every critical category FSBP RDS.22 names: configuration change and failure.",
    risk="A changed or failing DB security group (who may connect) goes unnoticed.",
    remediation="Enable the subscription and add the missing event categories.",
    remediation_cli="aws rds modify-event-subscription --region {region} --subscription-name "
    "{resource_id} --enabled --event-categories 'configuration change' 'failure'",
)
def rds_event_subscription_security_group_events_missing(inv: Inventory) -> pd.DataFrame:
    return event_subscriptions_missing(inv, "db-security-group", REQUIRED)
