"""Security Hub (CIS 4.16) and GuardDuty (FSBP GuardDuty.1) checks on a hand-made organization.

The organization: a management account (MGMT), its delegated administrator for both services
(SEC, Security Tooling) and two members (PROD, DEV), over two regions. Security Hub: MGMT in
us-east-1 only, SEC in both, PROD in us-east-1 itself. GuardDuty: SEC in us-east-1 only, DEV
with a suspended detector in us-east-1. OUTSIDER is an account the inventory read that is not
a member of the organization.
"""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

MGMT, SEC, PROD, DEV, OUTSIDER = (
    "100000000000",
    "200000000000",
    "300000000000",
    "400000000000",
    "900000000000",
)
ACCOUNTS = (MGMT, SEC, PROD, DEV, OUTSIDER)
REGIONS = ("us-east-1", "eu-west-1")
FSBP = "arn:aws:securityhub:{}::standards/aws-foundational-security-best-practices/v/1.0.0"
CIS = "arn:aws:securityhub:{}::standards/cis-aws-foundations-benchmark/v/3.0.0"
HUBS = {(MGMT, "us-east-1"), (SEC, "us-east-1"), (SEC, "eu-west-1"), (PROD, "us-east-1")}
DETECTORS = {(SEC, "us-east-1"): "ENABLED", (DEV, "us-east-1"): "DISABLED"}


@pytest.fixture(scope="module", autouse=True)
def _checks() -> None:
    load_builtin()


def hubs() -> pd.DataFrame:
    rows = []
    for account in ACCOUNTS:
        for region in REGIONS:
            on = (account, region) in HUBS
            rows.append(
                {
                    "account_id": account,
                    "region": region,
                    "enabled": on,
                    "hub_arn": f"arn:aws:securityhub:{region}:{account}:hub/default"
                    if on
                    else None,
                    "standards": f"{FSBP.format(region)},{CIS.format(region)}" if on else None,
                }
            )
    return TABLES["securityhub.hubs"].frame(rows)


def detectors() -> pd.DataFrame:
    rows = []
    for account in ACCOUNTS:
        for region in REGIONS:
            status = DETECTORS.get((account, region))
            rows.append(
                {
                    "account_id": account,
                    "region": region,
                    "detector_id": f"d-{account}-{region}" if status else None,
                    "status": status,
                }
            )
    return TABLES["guardduty.detectors"].frame(rows)


def organization() -> dict[str, pd.DataFrame]:
    accounts = TABLES["organizations.accounts"].frame(
        {"account_id": MGMT, "region": "global", "id": a, "is_management": a == MGMT}
        for a in (MGMT, SEC, PROD, DEV)
    )
    delegations = TABLES["organizations.delegated_administrators"].frame(
        {
            "account_id": MGMT,
            "region": "global",
            "delegate_account_id": SEC,
            "delegate_name": "Security Tooling",
            "service_principal": principal,
        }
        for principal in ("securityhub.amazonaws.com", "guardduty.amazonaws.com")
    )
    return {
        "organizations.accounts": accounts,
        "organizations.delegated_administrators": delegations,
    }


def run(check: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return CHECKS[check](Inventory(tables)).set_index(["account_id", "region"])


def securityhub(with_org: bool = True) -> pd.DataFrame:
    tables = {"securityhub.hubs": hubs(), **(organization() if with_org else {})}
    return run("securityhub_not_enabled", tables)


def guardduty(with_org: bool = True) -> pd.DataFrame:
    tables = {"guardduty.detectors": detectors(), **(organization() if with_org else {})}
    return run("guardduty_not_enabled", tables)


def failing(result: pd.DataFrame) -> set[tuple[str, str]]:
    return set(result.index[result["failed"]])


def test_securityhub_one_result_per_account_and_region() -> None:
    result = securityhub()
    assert len(result) == len(ACCOUNTS) * len(REGIONS)
    assert result.index.is_unique


def test_securityhub_fails_where_neither_the_account_nor_its_delegate_has_a_hub() -> None:
    result = securityhub()
    # The management account is not a member: the delegate does not cover it. The outsider is
    # no member of the organization. Every member is covered where SEC has a hub.
    assert failing(result) == {
        (MGMT, "eu-west-1"),
        (OUTSIDER, "us-east-1"),
        (OUTSIDER, "eu-west-1"),
    }
    fail = result.loc[(MGMT, "eu-west-1")]
    assert "not enabled in eu-west-1" in fail["detail"]
    assert fail["resource_id"] == f"arn:aws:securityhub:eu-west-1:{MGMT}:hub/default"


def test_securityhub_member_covered_by_the_delegated_administrator() -> None:
    result = securityhub()
    covered = result.loc[(DEV, "eu-west-1")]
    assert not covered["failed"]
    assert covered["detail"] == (
        f"managed by the delegated administrator {SEC} (Security Tooling), which has Security "
        "Hub enabled in eu-west-1"
    )
    own = result.loc[(PROD, "us-east-1")]
    assert own["detail"].startswith("enabled in us-east-1 with aws-foundational")
    assert "cis-aws-foundations-benchmark/v/3.0.0" in own["detail"]
    assert own["resource_arn"] == f"arn:aws:securityhub:us-east-1:{PROD}:hub/default"


def test_securityhub_without_the_delegations_only_own_hubs_pass() -> None:
    result = securityhub(with_org=False)
    assert failing(result) == {(a, r) for a in ACCOUNTS for r in REGIONS if (a, r) not in HUBS}
    # The detail says why a member could not be seen as covered.
    assert "delegated_administrators was not read" in result.loc[(DEV, "eu-west-1"), "detail"]
    assert (
        "delegated_administrators was not read"
        in guardduty(False).loc[(DEV, "eu-west-1"), "detail"]
    )


def test_securityhub_delegate_without_a_hub_in_the_region_covers_nobody_there() -> None:
    frames = {"securityhub.hubs": hubs(), **organization()}
    h = frames["securityhub.hubs"]
    h.loc[(h["account_id"] == SEC) & (h["region"] == "eu-west-1"), "enabled"] = False
    result = run("securityhub_not_enabled", frames)
    assert {(SEC, "eu-west-1"), (PROD, "eu-west-1"), (DEV, "eu-west-1")} <= failing(result)
    assert not result.loc[(DEV, "us-east-1"), "failed"]


def test_guardduty_enabled_disabled_and_covered() -> None:
    result = guardduty()
    assert len(result) == len(ACCOUNTS) * len(REGIONS)
    own = result.loc[(SEC, "us-east-1")]
    assert not own["failed"]
    assert own["detail"] == f"detector d-{SEC}-us-east-1 is enabled in us-east-1"
    assert own["resource_id"] == f"arn:aws:guardduty:us-east-1:{SEC}:detector/d-{SEC}-us-east-1"
    covered = result.loc[(PROD, "us-east-1")]
    assert not covered["failed"]
    assert "delegated administrator 200000000000 (Security Tooling)" in covered["detail"]


def test_guardduty_suspended_detector_fails_even_where_the_delegate_covers() -> None:
    result = guardduty()
    disabled = result.loc[(DEV, "us-east-1")]
    assert disabled["failed"]
    assert "disabled" in disabled["detail"]
    assert disabled["resource_id"].endswith(f":detector/d-{DEV}-us-east-1")


def test_guardduty_fails_where_nothing_covers() -> None:
    result = guardduty()
    # SEC has no detector in eu-west-1: no member is covered there.
    expected = {(a, "eu-west-1") for a in ACCOUNTS}
    expected |= {(MGMT, "us-east-1"), (DEV, "us-east-1"), (OUTSIDER, "us-east-1")}
    assert failing(result) == expected
    none = result.loc[(PROD, "eu-west-1")]
    assert none["detail"].startswith("no GuardDuty detector in eu-west-1")
    assert none["resource_id"] == f"arn:aws:guardduty:eu-west-1:{PROD}:detector"


def test_checks_are_mapped_to_their_controls() -> None:
    assert CHECKS["securityhub_not_enabled"].frameworks == {"CIS-3.0": ("4.16",)}
    assert CHECKS["guardduty_not_enabled"].frameworks == {"AWS-FSBP": ("GuardDuty.1",)}


def test_empty_tables_give_no_results() -> None:
    for check, table in (
        ("securityhub_not_enabled", "securityhub.hubs"),
        ("guardduty_not_enabled", "guardduty.detectors"),
    ):
        inv = Inventory({table: TABLES[table].empty(), **organization()})
        assert CHECKS[check](inv).empty
