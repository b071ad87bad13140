"""The shared HTML reports as a reader opens them: Debian's Chromium at 1,400 px, every network
request refused, the audit and documentation of the demo estate and an audit of 100,000
findings. Fails when an element is wider than the page, an image does not load, a diagram does
not open full size on a click, or the large report takes longer than its budget to show.

The 100,000 findings are the demo's replicated with new resource ids (the accounts stay, so
their names resolve), given to the audit notebook as its ``findings_file`` parameter beside the
demo snapshot. Screenshots are kept in tests/browser/artifacts/.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from toolkit.inventory import Inventory
from toolkit.reports import run_report

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWPORT = {"width": 1400, "height": 1000}
LARGE_FINDINGS = 100_000
LARGE_BUDGET_S = 5.0
LARGE_BUDGET_BYTES = 25_000_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"{CHROMIUM} is missing: run scripts/install-browser.sh (make test-browser)",
    ),
]


def replicate(findings: pd.DataFrame, size: int) -> pd.DataFrame:
    """``findings`` repeated up to ``size`` rows, each copy's resources renamed (``-r<n>``)."""
    copies = []
    for n in range(-(-size // len(findings))):
        copy = findings.copy()
        if n:
            for column in ("resource_id", "resource_arn"):
                copy[column] = copy[column].astype("string") + f"-r{n}"
        copies.append(copy)
    return pd.concat(copies, ignore_index=True).iloc[:size]


@pytest.fixture(scope="module")
def reports(demo_inventory: Inventory, demo_findings: pd.DataFrame, tmp_path_factory):
    """audit.html and documentation.html of the demo snapshot, and the audit of 100,000
    findings (the demo's, replicated)."""
    root = tmp_path_factory.mktemp("browser-reports")
    snapshot = demo_inventory.save(root / "snapshot")
    large = replicate(demo_findings, LARGE_FINDINGS)
    large.to_parquet(root / "large.parquet", index=False)
    demo = {"snapshot": str(snapshot), "demo": False}
    return SimpleNamespace(
        audit=run_report("audit", root / "demo", demo).html,
        documentation=run_report("documentation", root / "demo", demo).html,
        large=run_report(
            "audit", root / "large", {**demo, "findings_file": str(root / "large.parquet")}
        ).html,
        large_listed=int((large["status"] != "PASS").sum()),
    )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def open_offline(browser, path: Path):
    """A page showing ``path`` with every request but the file itself refused; returns the page
    and the seconds until the page loaded and its interactive tables were drawn."""
    page = browser.new_page(viewport=VIEWPORT)
    refused: list[str] = []

    def route(request_route) -> None:
        if request_route.request.url.startswith(("file:", "data:", "blob:")):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    started = time.monotonic()
    page.goto(path.as_uri(), wait_until="load", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelectorAll('table[id^=itables_]:not(.dataTable)').length === 0",
        timeout=60_000,
    )
    seconds = time.monotonic() - started
    assert refused == [], refused  # the report asks the network for nothing
    return page, seconds


def layout_problems(page) -> dict[str, list[str]]:
    """Elements wider than the viewport, and images that did not load."""
    return page.evaluate(
        """(width) => ({
          wide: [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1
                         && !e.closest('.tk-zoom'))
            .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            .slice(0, 10),
          broken: [...document.images].filter(i => i.naturalWidth === 0)
            .map(i => i.alt || i.src.slice(0, 40)),
        })""",
        VIEWPORT["width"],
    )


@pytest.mark.parametrize("name", ["audit", "documentation"])
def test_demo_report_fits_the_page(reports, browser, name: str) -> None:
    page, _ = open_offline(browser, getattr(reports, name))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
    assert layout_problems(page) == {"wide": [], "broken": []}
    assert page.locator("nav.tk-contents a").count() >= 4  # a table of contents with anchors
    if name == "audit":
        page.locator("#Every-finding").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "audit-findings.png"))
        # the findings list searches: text no finding holds leaves no row
        search = page.locator(".dt-search input").first
        search.fill("nonexistent-resource-zz")
        assert "No matching records" in page.locator("table.dataTable").first.inner_text()
    page.close()


def test_diagram_opens_full_size_with_zoom(reports, browser) -> None:
    """A click opens the org chart full size in an overlay; the wheel zooms it; Esc closes."""
    page, _ = open_offline(browser, reports.documentation)
    figure = page.locator("figure.tk-diagram").first
    shown = figure.bounding_box()
    assert shown is not None and shown["width"] <= VIEWPORT["width"]
    figure.click()
    overlay = page.locator(".tk-zoom")
    assert overlay.count() == 1
    picture = overlay.locator("svg, img").first
    before = picture.bounding_box()["width"]
    picture.hover()
    page.mouse.wheel(0, -300)
    assert picture.bounding_box()["width"] > before
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "diagram-zoomed.png"))
    page.keyboard.press("Escape")
    assert overlay.count() == 0
    page.close()


def test_large_audit_opens_within_budget(reports, browser) -> None:
    size = reports.large.stat().st_size
    assert size <= LARGE_BUDGET_BYTES, size
    page, seconds = open_offline(browser, reports.large)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "audit-100k.png"), full_page=False)
    assert seconds <= LARGE_BUDGET_S, f"{seconds:.1f} s to show {size / 1e6:.1f} MB"
    assert layout_problems(page) == {"wide": [], "broken": []}
    # every finding but the PASSes is in the list (PASS rows are counted per check and account)
    info = page.locator(".dt-info").first.inner_text().replace(",", "")
    assert f"of {reports.large_listed} entries" in info, info
    page.close()
