"""docs/sql.md's ten audit questions, each run in DuckDB over the demo estate and compared with
the same question answered here in pandas (written from the tables, not from the SQL); and
``toolkit sql`` on a snapshot of the demo's tables, answering as pandas does."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import toolkit.cli
from toolkit import sql
from toolkit.inventory import Inventory

DOC = Path(__file__).resolve().parents[2] / "docs" / "sql.md"
QUESTION = re.compile(r"^### (\d+)\. (.+?)\n.*?^```sql\n(.*?)^```", re.MULTILINE | re.DOTALL)
QUESTIONS = {int(n): (title, query) for n, title, query in QUESTION.findall(DOC.read_text())}


def rows(frame: pd.DataFrame) -> Counter:
    """The frame's rows as a multiset of plain values (nulls as None, numbers as Python's)."""
    plain = frame.astype(object).where(frame.notna(), None)
    return Counter(
        tuple(value.item() if hasattr(value, "item") else value for value in row)
        for row in plain.itertuples(index=False)
    )


def organization_ids(inv: Inventory) -> set[str]:
    return set(inv["organizations.accounts"]["id"])


def console_without_mfa(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    users = inv["iam.users"]
    chosen = users[(users["password_enabled"] == True) & (users["mfa_active"] == False)]  # noqa: E712
    return chosen[["account_id", "user_name", "password_last_used"]]


def old_active_keys(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    keys = inv["iam.access_keys"]
    chosen = keys[(keys["status"] == "Active") & (keys["age_days"].fillna(0) > 90)]
    return chosen[["account_id", "user_name", "access_key_id", "age_days", "last_used_date"]]


def public_buckets(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    b = inv["s3.buckets"]
    by_policy = b["policy_public"] & ~(
        b["pab_restrict_public_buckets"] | b["account_pab_restrict_public_buckets"]
    )
    by_acl = b["acl_public"] & ~(b["pab_ignore_public_acls"] | b["account_pab_ignore_public_acls"])
    frame = b[["account_id", "region", "name"]].assign(
        public_by_policy=by_policy, public_by_acl=by_acl
    )
    return frame[(by_policy | by_acl).fillna(False)]


def ssh_rdp_open(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    r = inv["ec2.security_group_rules"]

    def takes(port: int) -> pd.Series:
        return ((r["from_port"] <= port) & (r["to_port"] >= port)).fillna(False)

    tcp = r["protocol"].isin(["tcp", "6"])
    chosen = r[
        (r["direction"] == "ingress")
        & r["open_to_internet"].fillna(False)
        & ((r["protocol"] == "-1") | (tcp & (takes(22) | takes(3389))))
    ]
    return chosen.assign(source=chosen["cidr_ipv4"].fillna(chosen["cidr_ipv6"]))[
        ["account_id", "region", "group_id", "group_name", "protocol", "from_port", "to_port"]
        + ["source"]
    ]


def unencrypted(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    volumes = inv["ec2.volumes"]
    volumes = volumes[volumes["encrypted"] == False]  # noqa: E712
    databases = inv["rds.db_instances"]
    databases = databases[databases["storage_encrypted"] == False]  # noqa: E712
    records = [("ebs volume", v.account_id, v.region, v.volume_id) for v in volumes.itertuples()]
    records += [
        ("rds instance", d.account_id, d.region, d.db_instance_identifier)
        for d in databases.itertuples()
    ]
    return pd.DataFrame(records, columns=["kind", "account_id", "region", "resource"])


def failing_by_account(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    failing = findings[findings["status"] == "FAIL"]
    names = inv["organizations.accounts"].drop_duplicates("id").set_index("id")["name"]
    records = []
    for account, found in failing.groupby("account_id"):
        critical = int((found["severity"] == "critical").sum())
        high = int((found["severity"] == "high").sum())
        if critical or high:
            records.append((account, names.get(account), critical, high))
    return pd.DataFrame(records, columns=["account_id", "account_name", "critical", "high"])


def accounts_without_trail(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    trails = inv["cloudtrail.trails"]
    live = trails[trails["is_multi_region"].fillna(False) & trails["is_logging"].fillna(False)]
    accounts = inv["organizations.accounts"]
    accounts = accounts[accounts["status"] == "ACTIVE"].drop_duplicates("id")
    if live["is_organization_trail"].fillna(False).any():
        accounts = accounts.iloc[0:0]
    chosen = accounts[~accounts["id"].isin(set(live["account_id"]))]
    return chosen[["id", "name"]].rename(columns={"id": "account_id"})


def outside_trust(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    inside = organization_ids(inv)
    records = []
    for role in inv["iam.roles"].itertuples():
        trusted = list(json.loads(role.trusted_accounts or "[]"))
        if role.trusts_everyone is True:
            trusted.append("*")
        records += [(role.account_id, role.role_name, t) for t in trusted if t not in inside]
    return pd.DataFrame(records, columns=["account_id", "role_name", "trusted_account"])


def keys_not_rotating(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    keys = inv["kms.keys"]
    chosen = keys[
        (keys["key_manager"] == "CUSTOMER")
        & (keys["key_state"] == "Enabled")
        & (keys["rotation_enabled"] == False)  # noqa: E712
    ]
    return chosen[["account_id", "region", "key_id", "aliases"]]


def resources_where(inv: Inventory, findings: pd.DataFrame) -> pd.DataFrame:
    kinds = {
        "instances": "ec2.instances",
        "volumes": "ec2.volumes",
        "buckets": "s3.buckets",
        "databases": "rds.db_instances",
        "functions": "lambda.functions",
    }
    long = pd.concat(
        [inv[table][["account_id", "region"]].assign(kind=kind) for kind, table in kinds.items()]
    )
    wide = pd.crosstab([long["account_id"], long["region"]], long["kind"])
    wide = wide.reindex(columns=list(kinds), fill_value=0)
    wide["total"] = wide.sum(axis=1)
    return wide.reset_index()


#: Question number in docs/sql.md -> its answer in pandas.
PANDAS_ANSWERS: dict[int, Callable[[Inventory, pd.DataFrame], pd.DataFrame]] = {
    1: console_without_mfa,
    2: old_active_keys,
    3: public_buckets,
    4: ssh_rdp_open,
    5: unencrypted,
    6: failing_by_account,
    7: accounts_without_trail,
    8: outside_trust,
    9: keys_not_rotating,
    10: resources_where,
}


@pytest.fixture(scope="module")
def connection(demo_inventory, demo_findings) -> Iterator[Any]:
    connected = sql.connect(demo_inventory, findings=demo_findings)
    yield connected
    connected.close()


def test_the_doc_asks_ten_questions() -> None:
    assert sorted(QUESTIONS) == list(range(1, 11))


@pytest.mark.parametrize("number", sorted(PANDAS_ANSWERS))
def test_sql_answer_equals_pandas(number, connection, demo_inventory, demo_findings) -> None:
    title, query = QUESTIONS[number]
    answered = sql.answer(connection, query)
    expected = PANDAS_ANSWERS[number](demo_inventory, demo_findings)
    assert len(expected), f"question {number} ({title}) has no answer on the demo estate"
    assert list(answered.columns) == list(expected.columns), title
    assert rows(answered) == rows(expected), title


@pytest.fixture(scope="module")
def snapshot(demo_inventory, tmp_path_factory) -> Path:
    """The demo's tables question 3 and 8 need, saved as a snapshot."""
    tables = ["s3.buckets", "iam.roles", "organizations.accounts"]
    path = tmp_path_factory.mktemp("sql") / "snapshot"
    Inventory({t: demo_inventory[t] for t in tables}, demo_inventory.errors).save(path)
    return path


def test_cli_writes_the_answer(snapshot, demo_inventory, tmp_path, capsys) -> None:
    output = tmp_path / "public.parquet"
    status = toolkit.cli.main(
        ["sql", "--snapshot", str(snapshot), "-o", str(output), QUESTIONS[3][1]]
    )
    assert status == 0
    expected = public_buckets(demo_inventory, pd.DataFrame())
    assert rows(pd.read_parquet(output)) == rows(expected)
    assert output.stat().st_mode & 0o077 == 0
    assert f"{len(expected)} rows written" in capsys.readouterr().out


def test_cli_prints_the_answer(snapshot, demo_inventory, capsys) -> None:
    assert toolkit.cli.main(["sql", "--snapshot", str(snapshot), QUESTIONS[8][1]]) == 0
    printed = capsys.readouterr().out.splitlines()
    expected = outside_trust(demo_inventory, pd.DataFrame())
    assert printed[0].split() == ["account_id", "role_name", "trusted_account"]
    assert {tuple(line.split()) for line in printed[1 : 1 + len(expected)]} == set(
        expected.itertuples(index=False, name=None)
    )
    assert printed[-1] == f"{len(expected)} rows"


def test_cli_lists_the_views(snapshot, demo_inventory, capsys) -> None:
    assert toolkit.cli.main(["sql", "--snapshot", str(snapshot), "--tables"]) == 0
    listed = {
        line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:-2]
    }
    assert listed["s3_buckets"][:2] == ["s3.buckets", str(len(demo_inventory["s3.buckets"]))]
    assert listed["iam_roles"][:2] == ["iam.roles", str(len(demo_inventory["iam.roles"]))]
    assert set(listed) == {
        "s3_buckets",
        "iam_roles",
        "organizations_accounts",
        "errors",
        "findings",
    }


def test_cli_collects_only_the_tables_the_query_names(sandbox, monkeypatch, tmp_path, capsys):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(tmp_path / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "aws-credentials"),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    owners = Counter(bucket["account_id"] for bucket in sandbox.truth.buckets)
    account, buckets = owners.most_common(1)[0]  # one account: the run stays short
    before = sandbox.request_counts()
    status = toolkit.cli.main(
        ["sql", "--endpoint-url", sandbox.endpoint_url, "--accounts", account]
        + ["--regions", ",".join(sandbox.truth.regions), "--no-progress"]
        + ["SELECT count(*) AS buckets FROM s3_buckets"]
    )
    assert status == 0
    assert capsys.readouterr().out.splitlines()[1].strip() == str(buckets)
    after = sandbox.request_counts()
    called = {op.split(".")[0] for op, n in after.items() if n > before.get(op, 0)}
    assert "s3" in called and not called - {"s3", "s3control", "sts", "organizations"}, called
