"""The dashboards driven from Python on the demo estate, checked against its ground truth: what a
user would see in the table, the filter labels and the chart after each change."""

from __future__ import annotations

import asyncio
import html

import pandas as pd
import pytest

import toolkit
from toolkit.checks import REGISTRY
from toolkit.collectors import REGISTRY as TABLES
from toolkit.dashboards import CollectionProgress, FindingsDashboard, InventoryDashboard
from toolkit.dashboards.resource_row import resource_row
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox


@pytest.fixture(scope="module")
def estate(
    demo_inventory: Inventory, demo_findings: pd.DataFrame
) -> tuple[Inventory, pd.DataFrame]:
    return demo_inventory, demo_findings


def _fails(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    failed = frame[frame["status"].astype(str) == "FAIL"]
    return set(zip(failed["check_id"], failed["account_id"], failed["resource_id"], strict=True))


def _all_pages(dash: FindingsDashboard | InventoryDashboard) -> pd.DataFrame:
    """Every row the table shows, page after page, as a user would turn them."""
    dash.page.value = 1
    pages = [dash.page_view]
    while not dash.pager.next.disabled:
        dash.pager.next.click()
        pages.append(dash.page_view)
    return pd.concat(pages)


def test_one_account_shows_exactly_its_fails(sandbox: Sandbox, estate) -> None:
    _, findings = estate
    truth = sandbox.truth
    prod = truth.account_id("prod")
    dash = FindingsDashboard(findings, page_size=25)
    dash.status.value = ("FAIL",)
    dash.account.value = (prod,)

    shown = _all_pages(dash)
    assert len(shown) == len(dash.view) == dash.pager.total
    assert set(shown["account_id"]) == {prod}
    assert _fails(shown) == _fails(findings[findings["account_id"] == prod])
    planted = {
        (p["check"], p["account_id"], p["resource_id"])
        for p in truth.planted
        if p["account_id"] == prod
    }
    assert planted and planted <= _fails(shown)
    for check, account, resource in _fails(shown):  # nothing the estate does not explain
        assert truth.explains(check, account, resource) is not None
    # The account's label counts what choosing it shows; the heading says the same.
    assert (f"{prod} ({len(shown)})", prod) in dash.account.options
    assert f"<b>{len(shown)}</b> of {len(findings)} findings" in dash.heading.value


def test_severity_filter_relabels_the_others(estate) -> None:
    _, findings = estate
    dash = FindingsDashboard(findings)
    total = findings["severity"].astype(str).value_counts()
    assert dict(dash.severity.options) == {
        f"{s} ({total[s]})": s
        for s in ("critical", "high", "medium", "low", "informational")
        if s in total and total[s]
    }
    dash.severity.value = ("critical",)
    critical = findings[findings["severity"] == "critical"]
    assert set(dash.view["severity"].astype(str)) == {"critical"}
    assert len(dash.view) == len(critical)
    fail = int((critical["status"] == "FAIL").sum())
    assert (f"FAIL ({fail})", "FAIL") in dash.status.options
    by_service = critical["service"].value_counts()
    for label, service in dash.service.options:
        assert label == f"{service} ({by_service.get(service, 0)})"
    assert dash.counts("severity") == dict(total[total > 0])  # its own choice: unchanged


def test_chart_redraws_with_the_filters(sandbox: Sandbox, estate) -> None:
    _, findings = estate
    dash = FindingsDashboard(findings)
    failed = findings[findings["status"] == "FAIL"]
    before = bytes(dash.chart.value)
    assert dash.chart_counts["severity"].sum() == len(failed)
    assert dash.chart_counts["service"].to_dict() == failed["service"].value_counts().to_dict()

    dash.service.value = ("s3",)
    assert bytes(dash.chart.value) != before
    s3 = failed[failed["service"] == "s3"]
    assert dash.chart_counts["service"].to_dict() == {"s3": len(s3)}
    severity = dash.chart_counts["severity"]
    assert severity[severity > 0].to_dict() == s3["severity"].astype(str).value_counts().to_dict()

    dash.chart_by.value = "account_id"
    assert dash.chart_counts["account"].to_dict() == s3["account_id"].value_counts().to_dict()


def test_selecting_a_finding_shows_its_risk_and_remediation(estate) -> None:
    _, findings = estate
    dash = FindingsDashboard(findings, status="FAIL", severity="critical")
    dash.finding.value = dash.finding.options[2][1]  # the third row, as a click would choose it
    row = dash.selected
    entry = REGISTRY[row["check_id"]]
    assert html.escape(entry.risk) in dash.detail.value
    assert html.escape(entry.remediation) in dash.detail.value
    assert html.escape(row["resource_id"]) in dash.detail.value
    if entry.remediation_cli:
        assert html.escape(_filled(entry.remediation_cli, row)) in dash.detail.value


def _filled(command: str, finding: pd.Series) -> str:
    """The CLI as a reader would fill it in for this finding."""
    for name in ("region", "account_id", "resource_id", "resource_arn"):
        if pd.notna(finding[name]):
            command = command.replace("{" + name + "}", str(finding[name]))
    return command


def test_accounts_are_named_as_the_estate_names_them(sandbox: Sandbox, estate) -> None:
    inventory, findings = estate
    names = {account["id"]: account["name"] for account in sandbox.truth.accounts}
    dash = FindingsDashboard(findings, inventory=inventory, status="FAIL")
    assert dash.account.options and all(
        label.startswith(f"{account} {names[account]} (") for label, account in dash.account.options
    )
    prod = sandbox.truth.account_id("prod")
    dash.account.value = (prod,)
    assert set(dash.view["account_id"]) == {prod}
    assert f"<td>{prod}</td>\n      <td>{names[prod]}</td>" in dash.table.value
    assert all(f"({prod} {names[prod]}, " in label for label, _ in dash.finding.options)
    dash.select(1)
    assert f"{names[prod]} ({prod})" in dash.detail.value
    summary = dash.summary_html()
    assert f"(status: FAIL; account: {names[prod]} ({prod}))" in summary
    assert f"{names[prod]} ({prod}): {len(dash.view)}" in summary


def test_a_finding_shows_its_resource_inventory_row(sandbox: Sandbox, estate) -> None:
    """For a planted misconfiguration of each service, the row shown is the planted resource's,
    in its account and region, from a table its check reads."""
    inventory, findings = estate
    failed = findings[findings["status"] == "FAIL"].set_index(
        ["check_id", "account_id", "resource_id"]
    )
    sample = {}
    for planted in sandbox.truth.planted:
        service = REGISTRY[planted["check"]].service
        key = (planted["check"], planted["account_id"], planted["resource_id"])
        if planted["resource_type"] != "account" and service not in sample and key in failed.index:
            sample[service] = planted
    assert len(sample) >= 30, sorted(sample)
    for planted in sample.values():
        finding = failed.loc[(planted["check"], planted["account_id"], planted["resource_id"])]
        finding = finding.iloc[0] if isinstance(finding, pd.DataFrame) else finding
        finding = pd.concat(
            [pd.Series(dict(zip(failed.index.names, finding.name, strict=True))), finding]
        )
        found = resource_row(inventory, finding)
        assert found is not None, planted
        table, row = found
        assert table in REGISTRY[planted["check"]].tables, planted
        assert (row["account_id"], row["region"]) == (planted["account_id"], finding["region"])
        values = {str(v) for v in row.to_numpy() if isinstance(v, str)}
        names = {planted["resource_id"], finding["resource_arn"]}
        # Its id, its ARN, or the id its ARN ends with (a detector's); or, in a table of one
        # row per account and region (Inspector's status), the account and region alone.
        assert set(TABLES[table].key) <= {"account_id", "region"} or any(
            value in names or planted["resource_id"].endswith("/" + value) for value in values
        ), (planted, row)

    dash = FindingsDashboard(
        findings, inventory=inventory, check="s3_bucket_versioning_disabled", status="FAIL"
    )
    dash.select(1)
    chosen = dash.selected
    cli = _filled(REGISTRY["s3_bucket_versioning_disabled"].remediation_cli, chosen)
    assert f"--bucket {chosen['resource_id']} " in cli
    assert html.escape(cli) in dash.detail.value and "{resource_id}" not in dash.detail.value
    assert "Inventory row</b>: <code>s3.buckets</code>" in dash.detail.value
    assert f"<td>name</td>\n      <td>{chosen['resource_id']}</td>" in dash.detail.value
    # A finding about something the inventory has no row of says so.
    dash.check.value = ("cloudwatch_root_usage_not_monitored",)
    dash.select(1)
    assert "no inventory row" in dash.detail.value


def test_csv_export_writes_exactly_the_filtered_rows(sandbox: Sandbox, estate, tmp_path) -> None:
    _, findings = estate
    dash = FindingsDashboard(findings, page_size=10)
    dash.account.value = (sandbox.truth.account_id("dev"),)
    dash.status.value = ("FAIL",)
    dash.csv_path.value = str(tmp_path / "dev.csv")
    dash.export.click()
    written = pd.read_csv(tmp_path / "dev.csv", dtype=str)
    assert f"Wrote {len(dash.view)} findings" in dash.message.value
    assert len(written) == len(dash.view) > 10  # every page, not the one shown
    key = ["check_id", "account_id", "resource_id"]
    assert sorted(map(tuple, written[key].to_numpy())) == sorted(
        map(tuple, dash.view[key].astype(str).to_numpy())
    )


def test_inventory_table_account_and_text(sandbox: Sandbox, estate) -> None:
    inventory, _ = estate
    truth = sandbox.truth
    prod = truth.account_id("prod")
    dash = InventoryDashboard(inventory)
    dash.table_name.value = "ec2.instances"
    seeded = {
        (v["account_id"], i["id"]) for v in truth.vpcs for i in v["instances"]
    }  # every instance the estate made
    assert len(dash.view) == len(seeded)
    per_account = pd.Series([a for a, _ in seeded]).value_counts()
    for label, account in dash.account.options:
        assert label.startswith(account) and label.endswith(f"({per_account[account]})")

    dash.account.value = (prod,)
    mine = {i for a, i in seeded if a == prod}
    assert set(_all_pages(dash)["instance_id"]) == mine
    assert dash.chart_counts["account_id"].to_dict() == {prod: len(mine)}
    assert dash.chart_counts["region"].sum() == len(mine)
    regions = dash.view["region"].value_counts()
    for label, region in dash.region.options:
        assert label == f"{region} ({regions.get(region, 0)})"

    one = sorted(mine)[0]
    dash.search.value = one.upper()  # free text, any column, any case
    assert list(dash.view["instance_id"]) == [one]
    assert f"<td>{one}</td>" in dash.table.value
    dash.column.value = "name"
    assert dash.view.empty

    dash.search.value = ""
    dash.account.value = ()
    dash.table_name.value = "s3.buckets"
    assert sorted(dash.view["name"]) == sorted(b["name"] for b in truth.buckets)
    assert "s3.buckets" in dash.summary_html() and "<img src=" in dash.summary_html()


def test_progress_counts_every_table_and_shows_errors_as_they_arrive(faults: Sandbox) -> None:
    faults.configure(access_denied=[("dev", "s3")])
    dev = faults.truth.account_id("dev")
    # every table, over two accounts and one region: the progress, not the estate's size
    accounts = [dev, faults.truth.account_id("prod")]
    dash = CollectionProgress(faults.scope(accounts=accounts, regions=["us-east-1"]))
    first_error_at: list[int] = []

    def seen(change: dict) -> None:
        if change["new"] and not first_error_at:
            first_error_at.append(len(dash.tables_done))

    dash.error_table.observe(seen, names="value")

    async def run() -> Inventory:
        dash.start()
        assert dash.task is not None and dash.cancel.disabled is False
        return await dash

    inventory = asyncio.run(run())
    assert dash.state == "done"
    assert dash.tables_total == len(TABLES) == len(dash.tables_done)
    assert sorted(dash.tables_done) == sorted(inventory.tables)
    assert (dash.bar.value, dash.bar.max) == (len(TABLES), len(TABLES))
    assert f"{len(TABLES)} of {len(TABLES)} tables" in dash.heading.value
    errors = dash.collection_errors
    assert len(errors) and set(errors["account_id"]) == {dev}
    assert set(errors["service"]) == {"s3"} and set(errors["error_code"]) == {"AccessDenied"}
    assert "AccessDenied" in dash.error_table.value and dev in dash.by_account.value
    assert first_error_at and first_error_at[0] < len(TABLES)  # shown before the end
    pd.testing.assert_frame_equal(inventory.errors, errors.astype("string"))
    assert sum(dash.rows_by_service.values()) == sum(len(inventory[t]) for t in inventory)
    assert "Collection done" in dash.summary_html()


def test_progress_shows_a_failed_collection_and_collects_again(sandbox: Sandbox) -> None:
    unreachable = toolkit.Scope(
        regions=["us-east-1"], endpoint_url="http://127.0.0.1:9", credentials=("a", "b")
    )
    dash = CollectionProgress(unreachable)
    with pytest.raises(toolkit.ToolkitError):
        asyncio.run(dash.collect())
    assert dash.state == "failed"

    async def run_in_background() -> None:
        task = dash.start()  # as the Collect again button does, on the running loop
        await asyncio.gather(task, return_exceptions=True)
        await asyncio.sleep(0)

    asyncio.run(run_in_background())
    assert "Cannot reach the AWS endpoint" in dash.errors.widget.value
    assert dash.errors.widget.layout.display is None  # shown, not lost
    dash.again.click()  # no event loop here: the click's error is shown too
    assert "needs a running event loop" in dash.errors.text

    good = CollectionProgress(sandbox.scope(), services="s3")

    async def twice() -> Inventory:
        await good
        good.again.click()  # a widget callback scheduling async work on the loop
        assert good.task is not None and not good.task.done()
        return await good.task

    inventory = asyncio.run(twice())
    assert good.state == "done" and sorted(good.tables_done) == sorted(inventory.tables)
    assert len(inventory["s3.buckets"]) == len(sandbox.truth.buckets)


def test_progress_cancel(sandbox: Sandbox) -> None:
    dash = CollectionProgress(sandbox.scope(), services=["s3", "iam"])

    async def cancel_at_once() -> None:
        dash.start()
        dash.cancel.click()  # before the task has begun
        await asyncio.gather(dash.task, return_exceptions=True)

    asyncio.run(cancel_at_once())
    assert dash.state == "cancelled" and dash.bar.bar_style == "warning"
    assert not dash.again.disabled and dash.cancel.disabled

    async def cancel_midway() -> None:
        dash.start()
        while not dash.run or not dash.run.meta:  # running: accounts listed
            await asyncio.sleep(0.01)
        dash.cancel.click()
        with pytest.raises(asyncio.CancelledError):
            await dash.task

    asyncio.run(cancel_midway())
    assert dash.state == "cancelled" and dash.inventory is None
    assert "cancelled" in dash.heading.value and not dash.errors.errors
