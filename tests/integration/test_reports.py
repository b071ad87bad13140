"""Reports run through papermill into notebooks and standalone HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

import toolkit
from toolkit.inventory import Inventory
from toolkit.reports import ReportError, run_report, sections
from toolkit.sandbox import Sandbox

CANARY = {
    "AWS_ACCESS_KEY_ID": "AKIACANARYREPORT0001",
    "AWS_SECRET_ACCESS_KEY": "canary-secret-report-0001",
    "AWS_SESSION_TOKEN": "canary-token-report-0001",
}
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def snapshot(demo_inventory: Inventory, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report-snapshot") / "snap"
    demo_inventory.save(path)
    return path


@pytest.fixture(scope="module")
def history(demo_inventory: Inventory, demo_findings, tmp_path_factory) -> SimpleNamespace:
    """Two runs of the demo estate: its findings, then the same with one check's failures
    muted (the findings given, so no check runs again)."""
    from toolkit.history import record

    path = tmp_path_factory.mktemp("report-history") / "hist"
    record(demo_inventory, path, demo_findings)
    failing = demo_findings[demo_findings["status"] == "FAIL"]
    check = failing["check_id"].value_counts().index[0]
    muted = demo_findings.copy()
    muted.loc[(muted["check_id"] == check) & (muted["status"] == "FAIL"), "status"] = "MUTED"
    record(demo_inventory, path, muted)
    return SimpleNamespace(
        path=path, failing=[len(failing), int((muted["status"] == "FAIL").sum())]
    )


@pytest.fixture(scope="module")
def audit(sandbox: Sandbox, snapshot: Path, history, tmp_path_factory) -> SimpleNamespace:
    """The audit report from a snapshot, run as a user runs it (`toolkit report`), with canary
    credentials and a dead endpoint in the environment: it must neither call AWS nor print a
    credential. One run serves every test of the report's content and of its command's output."""
    out = tmp_path_factory.mktemp("audit")
    home = tmp_path_factory.mktemp("audit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        CANARY,
        AWS_ENDPOINT_URL="http://127.0.0.1:9",
        AWS_CONFIG_FILE=str(home / "aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    sandbox.reset_counts()
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "report", "audit", "--snapshot", str(snapshot),
         "-p", "title", "Quarterly audit", "-p", "history", str(history.path), "-o", "out"],
        capture_output=True, text=True, env=env, cwd=out, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sandbox.request_counts() == {}  # nothing was asked of AWS
    return SimpleNamespace(
        notebook=out / "out" / "audit.ipynb",
        html=out / "out" / "audit.html",
        stderr=done.stderr,
        snapshot=snapshot,
    )


def cell_html(path: Path, tag: str) -> str:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if tag in cell.metadata.get("tags", []):
            return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    raise AssertionError(f"no cell tagged {tag}")


def test_audit_numbers_equal_checks_run(audit, demo_findings) -> None:
    """The summary counts of the report (run on the saved ``demo_inventory``) are those of the
    checks run on that inventory, shown as a table (never a printed dict)."""
    import re

    statuses = demo_findings["status"].astype(str).value_counts()
    expected = {s: int(statuses.get(s, 0)) for s in ("FAIL", "MUTED", "ERROR", "PASS")}
    html = cell_html(audit.notebook, "summary-counts")
    rows = re.findall(r"<tr>\s*<td[^>]*>(\w+)</td>\s*<td[^>]*>(\d+)</td>", html)
    assert {status: int(count) for status, count in rows} == expected
    assert "{" not in html


def test_audit_lists_every_failing_finding_with_account_names(audit, demo_findings) -> None:
    """The findings list holds every FAIL (an interactive table whose data is embedded, its
    JavaScript too), with each account's name beside its id; the page has a table of contents."""
    import json
    import re

    html = cell_html(audit.notebook, "findings-list")
    (data,) = re.findall(r'"data_json": ("(?:[^"\\]|\\.)*")', html)
    rows = json.loads(json.loads(data))
    failing = demo_findings[demo_findings["status"] == "FAIL"]
    assert sum(row[1] == "FAIL" for row in rows) == len(failing)
    assert {row[7] for row in rows if row[1] == "FAIL"} == set(failing["resource_id"])
    inventory = toolkit.Inventory.load(audit.snapshot)
    names = dict(
        zip(
            inventory["organizations.accounts"]["id"],
            inventory["organizations.accounts"]["name"],
            strict=True,
        )
    )
    assert all(row[5] == names[row[4]] for row in rows)
    page = audit.html.read_text()
    assert '<nav class="tk-contents">' in page and 'href="#Every-finding"' in page
    assert "_itables_" in page and "unpkg.com" not in page and "cdn.datatables" not in page


def test_audit_answers_every_cis_control(audit) -> None:
    """The compliance section lists every recommendation of CIS v3.0.0, not only those a check
    covers: its ids are the framework file's, in order."""
    import re

    from toolkit.frameworks import load

    notebook = nbformat.read(audit.notebook, as_version=4)
    (cell,) = [c for c in notebook.cells if "compliance-cis" in c.metadata.get("tags", [])]
    html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    listed = re.findall(r"<td>(\d+(?:\.\d+)+)</td>", html)
    assert listed == [control.id for control in load("cis-3.0").controls]
    for status in ("MANUAL", "FAIL", "PASS"):
        assert re.search(f"<td[^>]*>{status}</td>", html), status


def test_audit_html_stands_alone(audit) -> None:
    html = audit.html.read_text()
    assert "Quarterly audit" in html
    assert "data:image/png;base64," in html  # the chart is embedded
    assert "<table" in html
    assert 'src="http' not in html and 'href="http' not in html.replace('href="https://', "")
    assert "CIS AWS Foundations Benchmark v3.0.0" in html


def test_audit_shows_findings_over_time(audit, history) -> None:
    html = audit.html.read_text()
    first, last = history.failing
    assert first > last
    assert "Findings over time" in html
    assert f"{first} failing findings then, {last} in the latest run ({last - first})" in html


def test_no_credential_in_any_output(audit) -> None:
    for path in (audit.notebook, audit.html):
        text = path.read_text()
        for value in CANARY.values():
            assert value not in text, (path, value)


@pytest.mark.browser  # make test-browser runs it once Chromium is installed
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by `make test-browser`")
def test_audit_html_renders_offline(audit, tmp_path) -> None:
    """Headless Chromium with every network request refused still shows chart and tables."""
    shot = tmp_path / "audit.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--proxy-server=127.0.0.1:9",
         "--window-size=1200,1600", f"--screenshot={shot}", audit.html.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert shot.is_file() and shot.stat().st_size > 30_000  # a page with a chart, not blank
    keep = Path(__file__).resolve().parents[1] / "artifacts"
    keep.mkdir(exist_ok=True)
    shutil.copy(shot, keep / "audit.png")


def test_failing_cell_names_the_cell_and_keeps_the_notebook(snapshot, tmp_path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(snapshot, broken)
    (broken / "s3.buckets.parquet").write_bytes(b"not parquet")
    out = tmp_path / "out"
    with pytest.raises(ReportError) as raised:
        run_report("audit", out, {"snapshot": str(broken), "demo": False})
    message = str(raised.value)
    assert "failed in cell" in message and "SnapshotError" in message
    assert (out / "audit.failed.ipynb").is_file()
    assert not (out / "audit.html").exists() and not (out / "audit.ipynb").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "nope", "-o", "out"], "Unknown report 'nope'"),
        (["report", "audit", "-p", "colour", "red", "-o", "out"], "has no parameter 'colour'"),
        (["report", "audit", "--snapshot", "missing", "-o", "out"], "is not a snapshot"),
        (
            ["report", "audit", "-p", "aws_secret_access_key", "x", "-o", "out"],
            "cannot be a report parameter",
        ),
        (["report", "audit"], "-o DIR"),
    ],
)
def test_wrong_parameters(args, message, sandbox_env, tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        capture_output=True, text=True, env=sandbox_env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_command_prints_no_kernel_warning(audit) -> None:
    """The kernel talks over private Unix sockets, so ipykernel has nothing to warn about
    (over TCP it warns of unencrypted traffic on every run); nothing else is filtered."""
    assert "without encryption" not in audit.stderr and "WARNING" not in audit.stderr, audit.stderr
    assert audit.html.is_file()


def test_documentation_from_a_snapshot(sandbox: Sandbox, snapshot: Path, tmp_path) -> None:
    sandbox.reset_counts()
    result = run_report(
        "documentation",
        tmp_path,
        {"snapshot": str(snapshot), "demo": False, "title": "Estate handbook"},
    )
    assert sandbox.request_counts() == {}
    html = result.html.read_text()
    assert "Estate handbook" in html
    images = html.count("data:image/svg+xml") + html.count("data:image/png")
    # one org chart, one access map per assigned account and per group, one network map per
    # (account, region) with its own VPCs
    truth = sandbox.truth
    accounts = {a["account_id"] for a in truth.identity_center["assignments"]}
    groups = {
        a["principal_name"]
        for a in truth.identity_center["assignments"]
        if a["principal_type"] == "GROUP"
    }
    networks = {(v["account_id"], v["region"]) for v in truth.vpcs}
    assert images >= 1 + len(accounts) + len(groups) + len(networks)
    # Services by account: a heading and a table for every account of the organization.
    assert "Services by account" in html
    # ("Name (id)" heads an account's access map too when it has assignments.)
    for account in truth.accounts:
        heading = f"{account['name']} ({account['id']})"
        headings = html.count(f'>{heading}<a class="anchor-link"')
        assert headings == 1 + (account["id"] in accounts), heading
    assert "site-packages" not in html and "file://" not in html
    assert 'src="http' not in html


def test_services_per_account_are_the_seeded_ones(sandbox: Sandbox, snapshot: Path) -> None:
    """Every account's load balancers and listeners as the sandbox seeded them."""
    inv = toolkit.Inventory.load(snapshot)
    truth = sandbox.truth
    assert sorted(a for a, _ in sections.inventory_accounts(inv)) == sorted(truth.account_ids)
    overview = sections.services_by_account(inv)
    for account_id in truth.account_ids:
        balancers = [b for b in truth.elbv2_load_balancers if b["account_id"] == account_id]
        listeners = [x for x in truth.elbv2_listeners if x["account_id"] == account_id]
        row = sections.account_services(inv, account_id).loc["elbv2"]
        assert f"load_balancers {len(balancers)}" in row["tables"].split(", "), account_id
        assert f"listeners {len(listeners)}" in row["tables"].split(", "), account_id
        name = sections.account_name(inv, account_id)
        assert overview.loc["elbv2", name] == row["resources"] >= len(balancers) + len(listeners)


def test_audit_coverage_names_exactly_the_gaps(faults: Sandbox, tmp_path) -> None:
    """Partial access: the report's coverage section lists every gap inv.errors holds."""
    faults.configure(access_denied=[("dev", "s3")], unassumable_accounts=["sandbox"])
    # the gaps of two services: an account that cannot be entered stops every one whole
    inventory = toolkit.collect_sync(
        faults.scope(), services=["organizations", "s3"], progress=False
    )
    snap = inventory.save(tmp_path / "partial")
    result = run_report("audit", tmp_path / "out", {"snapshot": str(snap), "demo": False})
    html = result.html.read_text()
    dev, locked = faults.truth.account_id("dev"), faults.truth.account_id("sandbox")
    assert len(inventory.errors) >= 2
    for row in inventory.errors.itertuples():
        assert row.account_id in html and row.error_code in html
    assert "could not be read" in html and dev in html and locked in html
    assert "No gaps" not in html


def test_access_report_from_a_snapshot(sandbox: Sandbox, snapshot: Path, tmp_path) -> None:
    """The access report stands alone offline, names every account of the organization and
    every role the estate plants as trusted from outside, and draws the paths it found."""
    from toolkit import access

    sandbox.reset_counts()
    result = run_report(
        "access", tmp_path, {"snapshot": str(snapshot), "demo": False, "title": "Who gets in"}
    )
    assert sandbox.request_counts() == {}  # nothing was asked of AWS
    html = result.html.read_text()
    assert "Who gets in" in html
    assert "data:image/png;base64," in html  # the chart (and any paths diagram) embedded
    assert 'src="http' not in html and 'href="http' not in html.replace('href="https://', "")
    assert "site-packages" not in html and "file://" not in html
    for account in sandbox.truth.accounts:
        assert f"{account['name']} ({account['id']})" in html, account
    trusted = [p for p in sandbox.truth.planted if p["check"] == "iam_role_trusts_external_account"]
    assert trusted
    notebook = nbformat.read(result.notebook, as_version=4)
    (cell,) = [c for c in notebook.cells if "outside" in c.metadata.get("tags", [])]
    outside = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    for planted in trusted:
        role = planted["resource_id"].rsplit("/", 1)[-1]
        assert f"<td>{role}</td>" in outside, planted
    paths = access.paths_to_admin(Inventory.load(snapshot))
    (cell,) = [c for c in notebook.cells if "paths" in c.metadata.get("tags", [])]
    drawn = [o for o in cell.outputs if "image/png" in o.get("data", {})]
    if paths.empty:
        assert "No path to administrator was found" in html and not drawn
    else:
        assert len(drawn) == 1
        for name in paths["start_name"]:
            assert name in html
