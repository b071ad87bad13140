"""An organization trail in the management account settles, for every member, the controls it
covers (CIS 3.1, 3.8, 3.9, and 4.x through its log group's filters, alarms and topic, all in the
management account): the members PASS with a detail naming the trail and the account that holds
it, where an established scanner reading each member alone reports a false FAIL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.sandbox import Sandbox

ESTATE = Path(__file__).parent / "estates" / "central.yaml"
#: Checks an organization trail that logs every management event settles for the members.
SETTLED = [
    "cloudtrail_not_enabled",
    "cloudtrail_s3_read_events_not_logged",
    "cloudtrail_s3_write_events_not_logged",
    # CIS 4.3 and 4.7: the trail's log group in the management account has both chains
    "cloudwatch_root_usage_not_monitored",
    "cloudwatch_cmk_disable_or_deletion_not_monitored",
]


@pytest.fixture(scope="module")
def central() -> Iterator[Sandbox]:
    with Sandbox(estate=ESTATE) as running:
        yield running


@pytest.fixture(scope="module")
def findings(central: Sandbox) -> pd.DataFrame:
    inventory = toolkit.collect_sync(central.scope(), progress=False)
    assert inventory.errors.empty, inventory.errors.to_string()
    return toolkit.run_checks(inventory)


def test_members_have_no_trail_of_their_own(central: Sandbox) -> None:
    for key in ("app", "data"):
        session = central.boto3_session(central.truth.account_id(key))
        assert central.client(session, "cloudtrail").describe_trails()["trailList"] == []


@pytest.mark.parametrize("check", SETTLED)
def test_the_organization_trail_settles_every_member(
    central: Sandbox, findings: pd.DataFrame, check: str
) -> None:
    management = central.truth.management_account
    rows = findings[findings["check_id"] == check]
    accounts = {a["id"] for a in central.truth.accounts}
    assert set(rows["account_id"]) == accounts
    assert set(rows["status"].astype(str)) == {"PASS"}, rows[["account_id", "detail"]]
    members = rows[rows["account_id"] != management]
    detail = members["detail"]
    # the detail names the trail, that it is the organization's, and the account holding it
    named = (
        detail.str.contains("organization-trail ", regex=False)
        & detail.str.contains("organization trail", regex=False)
        & detail.str.contains(management, regex=False)
    )
    assert named.all(), detail.tolist()
