"""Account names: one reading of organizations.accounts, with the same rule for gaps everywhere."""

from __future__ import annotations

import pandas as pd

from toolkit.accounts import account_choice, account_label, account_names, find_account
from toolkit.inventory import Inventory
from toolkit.reports.sections import account_name


def _inventory(rows: list[tuple[object, object]]) -> Inventory:
    accounts = pd.DataFrame(rows, columns=["id", "name"]).astype("string")
    return Inventory({"organizations.accounts": accounts})


def test_names_skip_gaps_and_keep_the_first_name() -> None:
    inv = _inventory(
        [("111", "Prod"), ("222", None), (None, "Orphan"), ("333", ""), ("111", "Later")]
    )
    assert account_names(inv) == {"111": "Prod"}


def test_no_table_or_no_name_column_means_no_names() -> None:
    assert account_names(Inventory({})) == {}
    only_ids = pd.DataFrame({"id": ["111"]}, dtype="string")
    assert account_names(Inventory({"organizations.accounts": only_ids})) == {}


def test_labels_and_choices() -> None:
    names = {"111": "Prod"}
    assert account_label("111", names) == "Prod (111)"
    assert account_label("222", names) == "222"
    assert account_choice("111", names) == "111 (Prod)"
    assert account_choice("222", names) == "222"


def test_find_account_by_id_or_unique_name() -> None:
    names = {"111": "Prod", "222": "Dev", "333": "Dev"}
    assert find_account("444", ["444"], names) == "444"
    assert find_account("Prod", [], names) == "111"
    assert find_account("Dev", ["111", "222", "333"], names) is None  # two accounts share it
    assert find_account("Nope", ["111"], names) is None


def test_reports_name_an_account_the_same_way() -> None:
    inv = _inventory([("111", "Prod"), ("222", None)])
    assert account_name(inv, "111") == "Prod"
    assert account_name(inv, "222") == "222"
    assert account_name(Inventory({}), "111") == "111"
