"""The dashboards on small hand-made findings and inventories: filters and their counts, paging,
selection, export, charts, the static summary, errors from callbacks and tasks."""

from __future__ import annotations

import asyncio
import html
import subprocess
import sys

import pandas as pd
import pytest

from toolkit.checks.runner import FINDINGS_COLUMNS, SEVERITY_DTYPE, STATUS_DTYPE
from toolkit.dashboards import FindingsDashboard, InventoryDashboard
from toolkit.dashboards._common import ErrorArea, Tasks, bar_chart
from toolkit.inventory import Inventory

PNG = b"\x89PNG\r\n\x1a\n"


def _findings(rows: list[tuple[str, str, str, str, str, str]]) -> pd.DataFrame:
    """rows of (check_id, severity, status, service, account_id, region)."""
    frame = pd.DataFrame(
        [
            {
                "check_id": check,
                "title": f"title of {check}",
                "severity": severity,
                "status": status,
                "service": service,
                "account_id": account,
                "region": region,
                "resource_id": f"{check}-{account}-{region}-{n}",
                "resource_arn": None,
                "detail": f"detail {n}",
                "remediation": f"fix {check}",
                "frameworks": "",
            }
            for n, (check, severity, status, service, account, region) in enumerate(rows)
        ],
        columns=FINDINGS_COLUMNS,
    )
    frame["severity"] = frame["severity"].astype(SEVERITY_DTYPE)
    frame["status"] = frame["status"].astype(STATUS_DTYPE)
    return frame


@pytest.fixture
def findings() -> pd.DataFrame:
    rows = [
        ("s3_bucket_public", "critical", "FAIL", "s3", "111111111111", "us-east-1"),
        ("s3_bucket_public", "critical", "PASS", "s3", "222222222222", "us-east-1"),
        ("ec2_sg_open", "high", "FAIL", "ec2", "111111111111", "eu-west-1"),
        ("ec2_sg_open", "high", "FAIL", "ec2", "222222222222", "eu-west-1"),
        ("ec2_sg_open", "high", "PASS", "ec2", "222222222222", "us-east-1"),
        ("iam_no_mfa", "medium", "FAIL", "iam", "222222222222", "global"),
        ("iam_no_mfa", "medium", "PASS", "iam", "111111111111", "global"),
        ("iam_no_mfa", "medium", "ERROR", "iam", None, None),
    ]
    return _findings(rows * 4)  # 32 findings: enough for paging


def _body_rows(table_html: str) -> int:
    return table_html.split("<tbody>", 1)[1].count("<tr>") if "<tbody>" in table_html else 0


def test_filters_list_values_with_counts_given_the_other_filters(findings) -> None:
    dash = FindingsDashboard(findings)
    assert len(dash.view) == 32
    assert dash.severity.options == (
        ("critical (8)", "critical"),
        ("high (12)", "high"),
        ("medium (12)", "medium"),
    )
    assert ("(none) (4)", "(none)") in dash.account.options
    dash.status.value = ("FAIL",)
    assert set(dash.view["status"].astype(str)) == {"FAIL"}
    assert len(dash.view) == 16
    # A filter's own counts ignore its own choice, the others' counts follow it.
    assert dash.counts("status") == {"FAIL": 16, "PASS": 12, "ERROR": 4}
    assert dict(dash.severity.options) == {
        "critical (4)": "critical",
        "high (8)": "high",
        "medium (4)": "medium",
    }
    dash.account.value = ("111111111111",)
    assert set(dash.view["account_id"]) == {"111111111111"}
    assert len(dash.view) == 8
    assert ("FAIL (8)", "FAIL") in dash.status.options
    assert "<b>8</b> of 32 findings" in dash.heading.value


def test_initial_filters_and_clearing(findings) -> None:
    dash = FindingsDashboard(findings, status="FAIL", service=["ec2", "iam"])
    assert set(dash.view["service"]) == {"ec2", "iam"}
    assert dash.filters == {"status": ("FAIL",), "service": ("ec2", "iam")}
    dash.clear.click()
    assert len(dash.view) == len(findings) and dash.filters == {}
    with pytest.raises(ValueError, match="no finding has 'nope'"):
        FindingsDashboard(findings, status="nope")
    with pytest.raises(TypeError, match="Unknown filter"):
        FindingsDashboard(findings, colour="red")


def test_fails_come_first_then_paging(findings) -> None:
    dash = FindingsDashboard(findings, page_size=10)
    statuses = list(dash.view["status"].astype(str))
    assert statuses[:12] == ["FAIL"] * 12 and statuses[-1] == "PASS"
    assert _body_rows(dash.table.value) == 10
    assert dash.pager.info.value == "rows 1–10 of 32 · page 1 of 4"
    dash.pager.next.click()
    assert dash.page.value == 2 and "<td>11</td>" in dash.table.value
    dash.page.value = 4
    assert _body_rows(dash.table.value) == 2 and dash.pager.next.disabled
    dash.region.value = ("us-east-1",)  # a new view starts at page 1
    assert dash.page.value == 1 and len(dash.page_view) == 10


def test_search_matches_resource_and_detail(findings) -> None:
    dash = FindingsDashboard(findings)
    dash.search.value = "EC2_SG_OPEN-1111"
    assert set(dash.view["resource_id"].str[:24]) == {"ec2_sg_open-111111111111"}
    dash.search.value = "detail 7"
    assert list(dash.view["detail"]) == ["detail 7"]


def test_chart_follows_the_filters(findings) -> None:
    dash = FindingsDashboard(findings)
    first = bytes(dash.chart.value)
    assert first.startswith(PNG)
    assert dash.chart_counts["severity"].to_dict() == {
        "critical": 4,
        "high": 8,
        "medium": 4,
        "low": 0,
        "informational": 0,
    }
    assert dash.chart_counts["service"].to_dict() == {"ec2": 8, "s3": 4, "iam": 4}
    dash.service.value = ("iam",)
    assert dash.chart_counts["service"].to_dict() == {"iam": 4}
    assert bytes(dash.chart.value) != first and bytes(dash.chart.value).startswith(PNG)
    dash.chart_by.value = "account_id"
    assert dash.chart_counts["account"].to_dict() == {"222222222222": 4}


def test_selecting_a_finding_shows_its_detail(findings) -> None:
    dash = FindingsDashboard(findings, page_size=5)
    assert "Choose a finding" in dash.detail.value
    dash.select(7)
    assert dash.page.value == 2 and dash.finding.value == 7
    row = dash.view.iloc[6]
    assert html.escape(row["resource_id"]) in dash.detail.value
    assert f"fix {row['check_id']}" in dash.detail.value  # not in the registry: its own text


def test_csv_export_is_the_filtered_view(findings, tmp_path) -> None:
    dash = FindingsDashboard(findings, status="FAIL", page_size=5)
    written = pd.read_csv(dash.to_csv(tmp_path / "a.csv"))
    assert len(written) == 16 and set(written["status"]) == {"FAIL"}
    assert list(written.columns) == FINDINGS_COLUMNS
    dash.csv_path.value = str(tmp_path / "b.csv")
    dash.export.click()
    assert "Wrote 16 findings" in dash.message.value
    assert len(pd.read_csv(tmp_path / "b.csv")) == 16


def test_a_failing_callback_shows_its_error_and_the_dashboard_goes_on(findings, tmp_path) -> None:
    dash = FindingsDashboard(findings)
    (tmp_path / "a-file").write_text("")
    dash.csv_path.value = str(tmp_path / "a-file" / "out.csv")  # no folder can be made there
    dash.export.click()  # ipywidgets would only log this to the browser console
    assert dash.errors.widget.layout.display is None
    assert "FileExistsError" in dash.errors.widget.value and "export" in dash.errors.widget.value
    dash.status.value = ("PASS",)
    assert set(dash.view["status"].astype(str)) == {"PASS"}


def test_static_summary_is_a_counts_table_and_an_embedded_png(findings) -> None:
    dash = FindingsDashboard(findings, account="111111111111")
    summary = dash.summary_html()
    assert "Findings: 12 of 32 (account: 111111111111)" in summary
    assert '<img src="data:image/png;base64,' in summary
    assert "<td>total</td>" in summary
    bundle = dash._static_bundle()
    assert dash._static_id in bundle["text/html"]
    assert "http" not in summary


def _inventory() -> Inventory:
    instances = pd.DataFrame(
        {
            "account_id": ["111111111111", "111111111111", "222222222222", "222222222222"],
            "region": ["us-east-1", "eu-west-1", "us-east-1", "us-east-1"],
            "instance_id": ["i-1", "i-2", "i-3", "i-4"],
            "name": ["web", "db", "web-2", None],
        }
    ).astype("string")
    accounts = pd.DataFrame(
        {
            "account_id": ["111111111111", "111111111111"],
            "region": ["global", "global"],
            "id": ["111111111111", "222222222222"],
            "name": ["Management", "Prod"],
        }
    ).astype("string")
    return Inventory({"ec2.instances": instances, "organizations.accounts": accounts})


def test_inventory_filters_search_and_chart() -> None:
    dash = InventoryDashboard(_inventory(), "ec2.instances")
    assert dash.account.options == (
        ("111111111111 Management (2)", "111111111111"),
        ("222222222222 Prod (2)", "222222222222"),
    )
    dash.region.value = ("us-east-1",)
    assert list(dash.view["instance_id"]) == ["i-1", "i-3", "i-4"]
    assert ("111111111111 Management (1)", "111111111111") in dash.account.options
    assert dash.chart_counts["account_id"].to_dict() == {"222222222222": 2, "111111111111": 1}
    dash.search.value = "WEB"
    assert list(dash.view["instance_id"]) == ["i-1", "i-3"]
    dash.column.value = "instance_id"
    assert dash.view.empty and "No rows match" in dash.table.value
    dash.search.value = "i-3"
    assert list(dash.view["instance_id"]) == ["i-3"] and "<td>i-3</td>" in dash.table.value
    dash.table_name.value = "organizations.accounts"
    assert dash.column.value == "(any column)"  # instance_id is not a column here
    assert list(dash.view["id"]) == []  # "i-3" is in no column of this table
    dash.search.value = ""
    dash.region.value = ()
    assert len(dash.view) == 2 and dash.chart_counts["region"].to_dict() == {"global": 2}
    assert "2 tables" in dash.summary_html()


def test_bar_chart_draws_empty_and_full_panels() -> None:
    png = bar_chart([("a", pd.Series({"x": 3, "y": 1})), ("b", pd.Series(dtype="int64"))])
    assert png.startswith(PNG)


def test_tasks_keep_their_reference_and_show_their_errors() -> None:
    errors = ErrorArea()
    tasks = Tasks(errors)

    async def boom() -> None:
        await asyncio.sleep(0)
        raise ValueError("went wrong")

    async def main() -> None:
        task = tasks.schedule(boom(), "refresh")
        assert task in tasks.running
        await asyncio.gather(task, return_exceptions=True)
        await asyncio.sleep(0)

    asyncio.run(main())
    assert not tasks.running
    assert errors.text == "ValueError: went wrong"
    assert "refresh" in errors.widget.value

    async def later() -> None:
        pass

    with pytest.raises(RuntimeError, match="needs a running event loop"):
        tasks.schedule(later(), "refresh")


def test_import_toolkit_loads_no_widget_or_plotting_library() -> None:
    code = (
        "import sys, toolkit\n"
        "assert 'ipywidgets' not in sys.modules and 'matplotlib' not in sys.modules\n"
        "import toolkit.dashboards\n"
        "assert 'matplotlib' not in sys.modules\n"
        "assert callable(toolkit.dashboards.findings)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_accounts_are_named_beside_their_ids(findings) -> None:
    dash = FindingsDashboard(findings, inventory=_inventory(), page_size=5)
    assert dash.account_names == {"111111111111": "Management", "222222222222": "Prod"}
    # Labels carry the name; values stay ids, so filters and ``filters`` are unchanged.
    assert ("111111111111 Management (12)", "111111111111") in dash.account.options
    dash.account.value = ("222222222222",)
    assert dash.filters == {"account": ("222222222222",)}
    assert set(dash.view["account_id"]) == {"222222222222"}
    assert "<th>account_name</th>" in dash.table.value and "<td>Prod</td>" in dash.table.value
    assert all("222222222222 Prod," in label for label, _ in dash.finding.options)
    dash.select(1)
    assert "Prod (222222222222)" in dash.detail.value
    summary = dash.summary_html()
    assert "(account: Prod (222222222222))" in summary
    assert "<b>FAIL by account</b>: Prod (222222222222): 8" in summary
    dash.chart_by.value = "account_id"
    assert dash.chart_counts["account"].to_dict() == {"222222222222": 8}
    # A mapping given instead of the inventory; without either, bare ids as before.
    named = FindingsDashboard(findings, account_names={"111111111111": "Root"})
    assert ("111111111111 Root (12)", "111111111111") in named.account.options
    assert "account_name" in named.table.value
    bare = FindingsDashboard(findings)
    assert ("111111111111 (12)", "111111111111") in bare.account.options
    assert "account_name" not in bare.table.value


def _finding(check: str, account: str, region: str, resource: str, arn: str | None = None):
    return pd.Series(
        {
            "check_id": check,
            "account_id": account,
            "region": region,
            "resource_id": resource,
            "resource_arn": arn,
        }
    )


def _resource_inventory() -> Inventory:
    buckets = pd.DataFrame(
        {
            "account_id": ["111111111111", "222222222222", "222222222222"],
            "region": ["us-east-1", "us-east-1", "eu-west-1"],
            "name": ["logs", "logs", "data"],
            "arn": ["arn:aws:s3:::logs", "arn:aws:s3:::logs-2", "arn:aws:s3:::data"],
            "versioning": ["Enabled", "Suspended", None],
        }
    ).astype("string")
    acls = pd.DataFrame(
        {
            "account_id": ["111111111111"] * 3,
            "region": ["us-east-1"] * 3,
            "network_acl_id": ["acl-1", "acl-1", "acl-2"],
            "rule_number": pd.array([100, 200, 100], dtype="Int64"),
            "cidr_block": ["0.0.0.0/0", "10.0.0.0/8", "0.0.0.0/0"],
        }
    )
    policies = pd.DataFrame(
        {
            "account_id": ["111111111111", "222222222222"],
            "region": ["global", "global"],
            "minimum_length": pd.array([8, 14], dtype="Int64"),
        }
    )
    return Inventory(
        {"s3.buckets": buckets, "ec2.network_acls": acls, "iam.password_policy": policies}
    )


def test_resource_row_matches_resource_account_and_region() -> None:
    from toolkit.dashboards.finding_detail import detail_html
    from toolkit.dashboards.resource_row import resource_row, resource_row_html, resource_rows

    inv = _resource_inventory()
    versioning, open_port = "s3_bucket_versioning_disabled", "ec2_network_acl_open_admin_port"
    # The same bucket name in two accounts: the finding's account decides.
    table, row = resource_row(inv, _finding(versioning, "222222222222", "us-east-1", "logs"))
    assert table == "s3.buckets" and row["versioning"] == "Suspended"
    # By the ARN where the finding has one.
    found = resource_row(
        inv, _finding(versioning, "222222222222", "eu-west-1", "x", "arn:aws:s3:::data")
    )
    assert found is not None and found.row["name"] == "data"
    # Another region, or a bucket the account does not have: none.
    assert resource_row(inv, _finding(versioning, "222222222222", "eu-west-1", "logs")) is None
    assert resource_row(inv, _finding(versioning, "111111111111", "us-east-1", "nope")) is None
    # A network ACL has a row per rule: all of them, the first shown.
    table, rows = resource_rows(inv, _finding(open_port, "111111111111", "us-east-1", "acl-1"))
    assert table == "ec2.network_acls" and list(rows["rule_number"]) == [100, 200]
    # The one the finding's detail names comes first.
    about_200 = _finding(open_port, "111111111111", "us-east-1", "acl-1")
    about_200["detail"] = "rule 200 allows 10.0.0.0/8 to port 22"
    assert resource_row(inv, about_200).row["rule_number"] == 200
    # An account-wide setting: the account's row of a table keyed by account.
    table, row = resource_row(
        inv, _finding("iam_password_policy_weak", "222222222222", "global", "222222222222")
    )
    assert table == "iam.password_policy" and row["minimum_length"] == 14

    page = resource_row_html(inv, _finding(open_port, "111111111111", "us-east-1", "acl-1"))
    assert "<code>ec2.network_acls</code>, the first of 2 rows" in page
    assert "<td>cidr_block</td>" in page and "<td>0.0.0.0/0</td>" in page
    missing = resource_row_html(inv, _finding(versioning, "111111111111", "us-east-1", "nope"))
    assert "no inventory row" in missing and "s3.buckets" in missing
    detail = detail_html(
        _finding(versioning, "222222222222", "us-east-1", "logs").reindex(FINDINGS_COLUMNS),
        {"222222222222": "Prod"},
        inv,
    )
    assert "Prod (222222222222)" in detail and "<td>Suspended</td>" in detail
    assert "--bucket logs " in detail and "{resource_id}" not in detail  # the CLI, filled in
