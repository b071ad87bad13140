"""notebooks/explore.ipynb as a person uses it: JupyterLab on loopback, headless Chromium, Run All
Cells, a severity filter chosen in the findings dashboard, and the rendered table follows.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/install-browser.sh), driven by
Playwright through its executable path; nothing is downloaded. Every wait is bounded. The
screenshot is kept in tests/browser/artifacts/explore.png.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.collectors import REGISTRY as TABLES

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 90
RUN_ALL_S = 420  # start the sandbox (~30 s), collect (~20 s), checks, three dashboards, a diagram
UI_S = 60

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"{CHROMIUM} is missing: run scripts/install-browser.sh (make test-browser)",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _marked(marker: str) -> list[int]:
    """Live processes whose environment carries ``marker``: the server, its kernels and what
    they started (the notebook's sandbox)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _api(base: str, path: str, method: str = "GET") -> object:
    request = urllib.request.Request(
        base + path, method=method, data=b"" if method != "GET" else None
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
    return json.loads(body) if body else None


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """JupyterLab serving a copy of notebooks/ on a free loopback port, with no token, isolated
    from the user's Jupyter config; stopped (kernels first) afterwards."""
    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / "explore.ipynb", work / "explore.ipynb")
    settings = tmp_path / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"checkForUpdates": False, "fetchNews": "false"})
    )
    marker = f"TOOLKIT_BROWSER_TEST={uuid.uuid4().hex}"
    env = {
        **os.environ,
        "TOOLKIT_BROWSER_TEST": marker.split("=", 1)[1],
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
        "PYTHONPATH": str(ROOT),
    }
    port = _free_port()
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={work}",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                _api(base, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(tmp_path / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield base, work
    finally:
        try:  # kernels first, gracefully: the notebook's sandbox stops with its kernel
            for kernel in _api(base, "/api/kernels") or []:
                _api(base, f"/api/kernels/{kernel['id']}", "DELETE")
        except OSError:
            pass
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
        log.close()
        for pid in _marked(marker):  # anything the run left behind, by its id
            if pid != os.getpid():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


ROWS_JS = """() => [...document.querySelectorAll('.toolkit-findings-table tbody tr')]
    .map(row => [...row.querySelectorAll('td')].map(cell => cell.textContent.trim()))"""


def _table_rows(page) -> list[list[str]]:
    """The findings table's cells as rendered, row by row (textContent: Lab skips laying out
    cells off screen, so innerText would be empty there)."""
    return page.evaluate(ROWS_JS)


def _saved(path: Path, since: float) -> object:
    """The notebook as Lab saved it after ``since``, with its outputs (bounded wait)."""
    import nbformat

    deadline = time.monotonic() + UI_S
    while time.monotonic() < deadline:
        if path.stat().st_mtime > since and "toolkit-summary" in path.read_text():
            return nbformat.read(path, as_version=4)
        time.sleep(0.5)
    pytest.fail("JupyterLab did not save the notebook with its outputs")


def _offline(route) -> None:
    if route.request.url.startswith(("http:", "https:")):
        route.abort()
    else:
        route.continue_()


def test_explore_notebook_runs_and_filters_in_lab(lab: tuple[str, Path], tmp_path: Path) -> None:
    from nbconvert import HTMLExporter
    from playwright.sync_api import expect, sync_playwright

    base, work = lab

    ARTIFACTS.mkdir(exist_ok=True)
    started = time.monotonic()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a new, empty profile
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1500, "height": 1100},
            timeout=UI_S * 1000,
        )
        try:
            page = context.new_page()
            page.set_default_timeout(UI_S * 1000)
            problems: list[str] = []
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(f"{base}/lab/tree/explore.ipynb")
            expect(page.locator(".jp-Notebook")).to_be_visible()
            # The notebook's kernel has started (Run All before that asks for a kernel).
            expect(page.locator("#jp-main-statusbar")).to_contain_text(
                re.compile(r"Python 3.*\| Idle")
            )

            # Run → Run All Cells, as in the notebook's first cell.
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

            dashboard = page.locator(".toolkit-findings-dashboard")
            expect(dashboard).to_be_attached(timeout=RUN_ALL_S * 1000)
            page.wait_for_function(  # every code cell has run: [n], none waiting or running
                r"""() => {
                    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                    return prompts.length > 0
                        && prompts.every(p => /\[\d+\]/.test(p.textContent));
                }""",
                timeout=RUN_ALL_S * 1000,
            )
            dashboard.scroll_into_view_if_needed()
            table = page.locator(".toolkit-findings-table tbody tr")
            expect(table.first).to_be_visible()
            # The static twin is hidden where the live widget renders.
            expect(page.locator(".toolkit-summary").first).to_be_hidden()
            before = _table_rows(page)
            assert before and all(row[2] == "FAIL" for row in before[:3])

            severity = dashboard.locator("select").first  # Severity: the first filter
            low = severity.locator("option", has_text="low (")
            expect(low).to_have_count(1)
            count = int(low.text_content().split("(")[1].rstrip(")"))
            assert count > 0
            low.click()  # a person's click on the option

            expect(dashboard.locator(".widget-html", has_text=f"{count} of")).to_have_count(1)
            page.wait_for_function(
                f"(before) => JSON.stringify(({ROWS_JS})()) !== JSON.stringify(before)",
                arg=before,
                timeout=UI_S * 1000,
            )
            after = _table_rows(page)
            assert after != before
            assert {row[1] for row in after} == {"low"}, after[:3]
            assert len(after) == min(count, 20)

            # Choosing a finding shows its remediation.
            dashboard.locator("select").nth(6).select_option(index=0)
            expect(dashboard.locator(".toolkit-finding-detail")).to_contain_text("Remediation")

            dashboard.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "explore.png"))

            # The inventory dashboard rendered too, with its table.
            expect(page.locator(".toolkit-inventory-table tbody tr").first).to_be_attached()
            assert not problems, problems

            # The org chart fits the notebook's width and opens full size on a click.
            chart = page.locator("figure.tk-diagram").first
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 1500
            chart.click()
            expect(page.locator(".tk-zoom svg")).to_have_count(1)
            page.screenshot(path=str(ARTIFACTS / "explore-diagram-zoom.png"))
            page.keyboard.press("Escape")
            expect(page.locator(".tk-zoom")).to_have_count(0)

            # Saved and exported to HTML, it shows each dashboard's static summary offline.
            since = time.time()
            page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Save Notebook").first.click()
            body, _ = HTMLExporter().from_notebook_node(_saved(work / "explore.ipynb", since))
            export = tmp_path / "explore.html"
            export.write_text(body)
            offline = context.new_page()
            offline.route("**/*", _offline)  # no network: CDN scripts fail, summaries must not
            offline.goto(export.as_uri())
            summaries = offline.locator(".toolkit-summary")
            expect(summaries).to_have_count(3)
            for n in range(3):
                expect(summaries.nth(n)).to_be_visible()
            loaded = offline.evaluate(
                """() => [...document.querySelectorAll('.toolkit-summary img')]
                    .map(img => img.complete && img.naturalWidth > 100)"""
            )
            assert loaded == [True, True, True]
            expect(summaries.nth(1).locator("table")).to_contain_text("total")
            offline.screenshot(path=str(ARTIFACTS / "explore-export.png"), full_page=True)
            offline.close()

            # A button whose callback starts async work on the kernel's loop: Collect again.
            page.bring_to_front()
            progress = page.locator(".toolkit-collection-progress")
            progress.scroll_into_view_if_needed()
            progress.locator("button", has_text="Collect again").click()
            expect(progress).to_contain_text("running:")
            tables = len(TABLES)
            expect(progress).to_contain_text(
                f"done: {tables} of {tables} tables", timeout=RUN_ALL_S * 1000
            )
            expect(progress.locator(".toolkit-error")).to_have_count(0)
        finally:
            context.close()
    print(f"browser test: {time.monotonic() - started:.1f} s in the browser")
