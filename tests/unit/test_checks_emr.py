"""The EMR.2 check on small inventories built by hand: exactly which account-regions FAIL and
PASS, why, and the FSBP control it answers."""

from __future__ import annotations

from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.collectors.emr.block_public_access import port_range
from toolkit.inventory import Inventory

CHECK = "emr_block_public_access_disabled"
TABLE = "emr.block_public_access"


def inventory(*settings: tuple[str, bool | None, str | None]) -> Inventory:
    rows = [
        {
            "account_id": account,
            "region": "us-east-1",
            "block_public_security_group_rules": on,
            "permitted_port_ranges": ranges,
        }
        for account, on, ranges in settings
    ]
    return Inventory({TABLE: TABLES[TABLE].frame(rows)})


def test_check_is_mapped_to_fsbp_emr_2() -> None:
    load_builtin()
    assert CHECKS[CHECK].frameworks == {"AWS-FSBP": ("EMR.2",)}
    assert CHECKS[CHECK].remediation_cli.startswith("aws emr put-block-public-access")


def test_port_ranges_read_as_aws_writes_them() -> None:
    assert port_range({"MinRange": 22, "MaxRange": 22}) == "22"
    assert port_range({"MinRange": 22}) == "22"
    assert port_range({"MinRange": 8000, "MaxRange": 8100}) == "8000-8100"


def test_fails_off_or_ports_other_than_22() -> None:
    inv = inventory(
        ("111111111111", True, '["22"]'),
        ("222222222222", True, "[]"),
        ("333333333333", False, '["22"]'),
        ("444444444444", True, '["22", "8443", "8888-8890"]'),
        ("555555555555", None, None),
    )
    off = "off: clusters may start with security groups open to anywhere"
    assert results(inv, CHECK) == {
        "111111111111": ("PASS", 'on; permitted open to anywhere: ["22"]'),
        "222222222222": ("PASS", "on; permitted open to anywhere: []"),
        "333333333333": ("FAIL", off),
        "444444444444": ("FAIL", "on, but permits ports other than 22: 8443, 8888-8890"),
        "555555555555": ("FAIL", off),
    }
