"""The access report's tables and sentences, from effective-access rows built by hand."""

from __future__ import annotations

import json

import pandas as pd

from toolkit.inventory import Inventory
from toolkit.reports import access_sections as report

PROD, DEV = "222222222222", "111111111111"
LEVELS = pd.CategoricalDtype(["admin", "write", "read", "list"], ordered=True)


def held_row(
    name: str, account: str, service: str, level: str, *, admin: bool = False, home: str = PROD
) -> dict:
    return {
        "principal": f"arn:aws:iam::{home}:role/{name}",
        "principal_type": "role",
        "principal_name": name,
        "principal_account": home,
        "account_id": account,
        "account_name": {PROD: "Prod", DEV: "Dev"}[account],
        "service": service,
        "level": level,
        "actions": 1,
        "all_resources": True,
        "conditional": False,
        "account_admin": admin,
        "via": f"role {name}: {name}-policy",
    }  # fmt: skip


def held() -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            held_row("reader", PROD, "s3", "read"),
            held_row("deployer", PROD, "lambda", "write"),
            held_row("deployer", PROD, "s3", "write"),
            held_row("deployer", PROD, "s3", "read"),
            held_row("boss", PROD, "iam", "admin", admin=True),
            held_row("boss", PROD, "ec2", "write", admin=True),
            held_row("auditor", DEV, "iam", "list", home=PROD),
        ]
    )
    return frame.astype({"level": LEVELS})


def inventory() -> Inventory:
    accounts = pd.DataFrame({"id": [PROD, DEV], "name": ["Prod", "Dev"]})
    return Inventory({"organizations.accounts": accounts})


def test_holders_are_who_can_change_the_account_strongest_first() -> None:
    table = report.holders(held(), PROD)
    assert list(table["principal"]) == ["boss", "deployer"]  # the reader changes nothing
    boss, deployer = table.iloc[0], table.iloc[1]
    assert boss["administrator"] and boss["strongest level"] == "admin"
    assert not deployer["administrator"] and deployer["strongest level"] == "write"
    assert deployer["changes"] == "2 services: lambda, s3"
    assert deployer["via"] == "role deployer: deployer-policy"
    assert report.holders(held(), DEV).empty
    assert report.holders_text(held(), DEV, "Dev").startswith("No principal can change Dev")
    assert report.holders_text(held(), PROD, "Prod") == (
        "2 principals can change Prod; 1 is an administrator."
    )


def test_overview_counts_each_principal_once_at_its_strongest_level() -> None:
    table = report.overview(inventory(), held())
    assert list(table.index) == ["Dev", "Prod"]
    prod = table.loc["Prod"]
    assert (prod["administrators"], prod["admin"], prod["write"], prod["read or list"]) == (
        1,
        1,
        1,
        1,
    )
    dev = table.loc["Dev"]
    assert (dev["read or list"], dev["from other accounts"]) == (1, 1)
    assert report.access_chart_html(inventory(), held()).startswith(
        '<img alt="chart" src="data:image/png;base64,'
    )


def test_paths_and_outside_sentences() -> None:
    assert report.paths_text(pd.DataFrame({"start": []})).startswith("No path to administrator")
    paths = pd.DataFrame(
        {
            "start": ["a", "a", "b"],
            "target_account": [PROD, DEV, PROD],
            "cross_account": [True, False, False],
            "conditional": [False, False, True],
        }
    )
    assert report.paths_text(paths) == (
        "3 paths from 2 principals reach administrator in 2 accounts; "
        "1 cross an account boundary, 1 hold only under a condition."
    )
    outside = pd.DataFrame(
        {
            "role": ["r1", "r1"],
            "role_name": ["vendor", "vendor"],
            "account_id": [PROD, PROD],
            "outsider": ["arn:aws:iam::999988887777:root", "*"],
            "conditional": [False, True],
            "highest_level": pd.Series([None, "write"], dtype=LEVELS),
            "write_services": [json.dumps([]), json.dumps(["s3", "sqs"])],
            "account_admin": [False, False],
        }
    )
    assert report.outside_text(outside).startswith("1 role in 1 account can be assumed")
    table = report.outside_table(inventory(), outside)
    assert list(table["account"]) == ["Prod", "Prod"]
    assert list(table["strongest access"]) == ["none", "write"]
    assert list(table["changes"]) == ["-", "s3, sqs"]


def test_tables_are_the_access_model_s_that_can_be_collected() -> None:
    from toolkit.access.model import TABLES
    from toolkit.collectors import REGISTRY

    chosen = report.tables()
    assert set(chosen) <= set(REGISTRY)
    assert {t for t in TABLES if t in REGISTRY} <= set(chosen)
    assert "lambda.functions" in chosen and "ec2.instances" not in chosen
