"""The documentation report's services per account: every table of the inventory, grouped by
service and counted in each account, so a new table shows without editing the notebook."""

from __future__ import annotations

import pandas as pd

from toolkit.inventory import Inventory
from toolkit.render import _synthetic as synthetic
from toolkit.render._synthetic import SMALL_DEV, SMALL_MANAGEMENT, SMALL_PROD
from toolkit.reports import sections


def _estate() -> Inventory:
    inv = synthetic.small_estate()
    tables = {name: inv[name] for name in inv.tables}
    # A service the report has never heard of, with rows in Dev only, and an empty table.
    tables["newservice.widgets"] = pd.DataFrame(
        {"account_id": [SMALL_DEV] * 3, "region": ["us-east-1"] * 3, "id": ["a", "b", "c"]}
    )
    tables["newservice.gadgets"] = pd.DataFrame(columns=["account_id", "region", "id"])
    return Inventory(tables)


def test_accounts_by_name() -> None:
    assert sections.inventory_accounts(_estate()) == [
        (SMALL_DEV, "Dev"),
        (SMALL_MANAGEMENT, "Management"),
        (SMALL_PROD, "Prod"),
    ]


def test_services_by_account_counts_every_table() -> None:
    inv = _estate()
    table = sections.services_by_account(inv)
    assert list(table.columns) == ["Dev", "Management", "Prod"]
    services = {name.split(".")[0] for name in inv.tables}
    assert set(table.index) == services
    assert table.loc["newservice"].to_dict() == {"Dev": 3, "Management": 0, "Prod": 0}
    ec2 = sum(len(inv[n]) for n in inv.tables if n.startswith("ec2."))
    assert table.loc["ec2", "Prod"] == ec2
    assert table.loc["organizations", "Management"] == sum(
        len(inv[n]) for n in inv.tables if n.startswith("organizations.")
    )
    assert int(table.to_numpy().sum()) == sum(len(inv[n]) for n in inv.tables)


def test_account_services_lists_each_table() -> None:
    inv = _estate()
    dev = sections.account_services(inv, SMALL_DEV)
    assert dev.loc["newservice"].to_dict() == {"resources": 3, "tables": "gadgets 0, widgets 3"}
    prod = sections.account_services(inv, SMALL_PROD)
    assert prod.loc["newservice", "resources"] == 0
    assert prod.loc["rds"].to_dict() == {"resources": 2, "tables": "db_instances 2"}
    assert prod.loc["ec2", "tables"].startswith("instances 2, internet_gateways 1, nat_gateways 1")
    assert list(prod.index) == sorted(prod.index)
