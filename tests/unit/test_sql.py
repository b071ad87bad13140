"""toolkit.sql and ``toolkit sql`` on small inventories made here: empty tables keep their
columns and types, the errors view, a findings DataFrame given, mistakes in one sentence."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit.cli
from toolkit import sql
from toolkit.collectors.base import REGISTRY, conform
from toolkit.errors import UsageError
from toolkit.inventory import Inventory


def table(name: str, records: list[dict]) -> pd.DataFrame:
    """A frame of the declared schema of ``name``, as a collection gives it."""
    return conform(pd.DataFrame.from_records(records), REGISTRY[name].dtypes)


@pytest.fixture
def inventory() -> Inventory:
    keys = table(
        "iam.access_keys",
        [
            {
                "account_id": "111111111111",
                "region": "global",
                "user_name": "alice",
                "access_key_id": "AKIAALICE",
                "status": "Active",
                "create_date": pd.Timestamp("2026-01-01", tz="UTC"),
                "age_days": 120,
            }
        ],
    )
    errors = pd.DataFrame(
        [
            {
                "account_id": "222222222222",
                "region": "eu-west-1",
                "table": "ec2.volumes",
                "service": "ec2",
                "error_code": "AccessDenied",
                "message": "not authorized",
            }
        ]
    )
    return Inventory({"iam.access_keys": keys, "ec2.volumes": table("ec2.volumes", [])}, errors)


def findings_frame() -> pd.DataFrame:
    severity = pd.CategoricalDtype(["informational", "low", "medium", "high", "critical"], True)
    return pd.DataFrame(
        {
            "check_id": ["made_here", "made_here_too"],
            "severity": pd.Series(["low", "critical"], dtype=severity),
            "status": pd.Categorical(["FAIL", "PASS"]),
            "account_id": ["111111111111", "111111111111"],
        }
    )


def test_view_names() -> None:
    assert sql.view_name("s3.buckets") == "s3_buckets"
    assert sql.view_name("ec2.security_group_rules") == "ec2_security_group_rules"


def test_an_empty_table_keeps_its_columns_and_types(inventory) -> None:
    connection = sql.connect(inventory, findings=False)
    described = connection.sql("DESCRIBE ec2_volumes").df().set_index("column_name")
    types = described["column_type"].to_dict()
    assert list(types) == list(REGISTRY["ec2.volumes"].dtypes)
    assert types["volume_id"] == "VARCHAR"
    assert types["size_gib"] == "BIGINT"
    assert types["encrypted"] == "BOOLEAN"
    assert types["create_time"] == "TIMESTAMP WITH TIME ZONE"
    assert sql.answer(connection, "SELECT count(*) AS n FROM ec2_volumes")["n"].tolist() == [0]


def test_values_and_timestamps_answer_as_collected(inventory) -> None:
    answered = inventory.sql("SELECT user_name, age_days, create_date FROM iam_access_keys")
    assert answered.to_dict("records") == [
        {"user_name": "alice", "age_days": 120, "create_date": pd.Timestamp("2026-01-01", tz="UTC")}
    ]
    assert str(answered["create_date"].dt.tz) == "UTC"


def test_the_errors_view_holds_inv_errors(inventory) -> None:
    answered = inventory.sql('SELECT account_id, "table", error_code FROM errors')
    assert answered.to_dict("records") == [
        {"account_id": "222222222222", "table": "ec2.volumes", "error_code": "AccessDenied"}
    ]


def test_a_findings_frame_given_is_the_findings_view(inventory) -> None:
    connection = sql.connect(inventory, findings=findings_frame())
    answered = sql.answer(connection, "SELECT check_id FROM findings WHERE severity = 'critical'")
    assert answered["check_id"].tolist() == ["made_here_too"]
    # severity and status as text: an ENUM would compare by position, not as the words read
    types = connection.sql("DESCRIBE findings").df().set_index("column_name")["column_type"]
    assert types["severity"] == types["status"] == "VARCHAR"
    listed = sql.views(connection).set_index("view")
    assert listed.loc["findings", "rows"] == 2
    assert listed.loc["findings", "table"] == "run_checks"
    assert listed.loc["iam_access_keys", "table"] == "iam.access_keys"
    assert listed.loc["ec2_volumes", "rows"] == 0
    assert sorted(listed.index) == ["ec2_volumes", "errors", "findings", "iam_access_keys"]


def test_findings_are_there_only_when_the_query_names_them(inventory) -> None:
    named = "SELECT table_name FROM information_schema.tables ORDER BY 1"
    assert "findings" not in inventory.sql(named)["table_name"].tolist()
    assert "findings" in inventory.sql(named + " -- and findings")["table_name"].tolist()


@pytest.mark.parametrize(
    "query, says",
    [
        ("SELECT * FROM iam_access_key", 'Did you mean "iam_access_keys"?'),
        ("SELEC 1", 'syntax error at or near "SELEC"'),
        ("SELECT nme FROM iam_access_keys", 'Referenced column "nme" not found'),
    ],
)
def test_a_bad_query_is_one_sentence(inventory, query, says) -> None:
    with pytest.raises(UsageError) as raised:
        inventory.sql(query)
    message = str(raised.value)
    assert says in message and "LINE 1" not in message and "\n" not in message
    assert message.startswith("DuckDB could not run the query: ")
    assert "toolkit.sql.views" in message  # and how to see what there is


def test_tables_named() -> None:
    named = sql.tables_named(
        "SELECT * FROM S3_Buckets JOIN iam_users USING (account_id) -- not s3_bucketsx",
        ["s3.buckets", "iam.users", "iam.roles", "s3.account_public_access_block"],
    )
    assert named == ["s3.buckets", "iam.users"]


@pytest.fixture
def snapshot(inventory, tmp_path) -> str:
    return str(inventory.save(tmp_path / "snapshot"))


@pytest.mark.parametrize(
    "args, says",
    [
        (["SELECT * FROM nothing_here"], "--tables' lists the views"),
        ([], "Give a SQL query"),
        (["SELECT 1", "--tables"], "either a query or --tables"),
        (["SELECT 1", "-o", "answer.txt"], ".csv or .parquet"),
        (["SELECT 1", "--mutes", "missing.yaml"], "does not exist"),
    ],
)
def test_cli_mistakes(snapshot, args, says, capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    assert toolkit.cli.main(["sql", "--snapshot", snapshot, *args]) == 2
    error = capsys.readouterr().err
    assert says in error and "Traceback" not in error and error.count("\n") == 1
    assert set(tmp_path.iterdir()) == before  # nothing written


def test_cli_writes_csv_and_reads_stdin(snapshot, tmp_path, capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT user_name, age_days FROM iam_access_keys"))
    output = tmp_path / "out" / "keys.csv"
    assert toolkit.cli.main(["sql", "--snapshot", snapshot, "-o", str(output), "-"]) == 0
    assert output.read_text() == "user_name,age_days\nalice,120\n"
    assert output.stat().st_mode & 0o077 == 0
    assert "1 row written" in capsys.readouterr().out


def test_cli_prints_an_empty_answer_with_its_columns(snapshot, capsys) -> None:
    query = "SELECT volume_id, encrypted FROM ec2_volumes"
    assert toolkit.cli.main(["sql", "--snapshot", snapshot, query]) == 0
    assert capsys.readouterr().out == "volume_id  encrypted\n\n0 rows\n"
