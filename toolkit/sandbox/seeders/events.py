"""Amazon EventBridge: custom event buses with a resource-based policy (the account's, or the
organization's with aws:PrincipalOrgID) or none (AWS's default). The default bus of every
account and region is AWS's, not seeded.

Seeded after Organizations (an organization policy names the organization's id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

EVENT_BUS = {
    "name": str,
    "region": str,
    #: "account" (the account's root may put events) or "organization" (anyone in the
    #: organization); no policy without the key.
    "policy": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"event_buses": [EVENT_BUS]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"event_buses": "arn"}


@dataclass
class EventsTruth:
    event_buses: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's custom buses, each with its policy."""
    for bus in spec.get("event_buses", []):
        region = bus.get("region", seeder.regions[0])
        events = seeder.client(session, "events", region)
        name = bus["name"]
        arn = events.create_event_bus(Name=name)["EventBusArn"]
        policy = bus.get("policy")
        if policy:
            document = _policy(policy, arn, account_id, seeder.truth.organization_id)
            events.put_permission(EventBusName=name, Policy=json.dumps(document))
        seeder.truth.event_buses.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": arn,
                "policy": policy,
            }
        )
        seeder.plant(bus.get("planted"), account_id, region, name, "event_bus")


def _policy(kind: str, arn: str, account_id: str, organization_id: str) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Sid": kind,
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
        "Action": "events:PutEvents",
        "Resource": arn,
    }
    if kind == "organization":
        statement["Principal"] = "*"
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": organization_id}}
    elif kind != "account":
        raise ValueError(f"unknown event bus policy {kind!r}: account or organization")
    return {"Version": "2012-10-17", "Statement": [statement]}
