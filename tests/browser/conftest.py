"""Browser tests: JupyterLab on loopback driven by Playwright in Debian's Chromium.

Chromium comes from the system (``scripts/install-browser.sh``: apt-get's chromium at
/usr/bin/chromium); Playwright only drives it through its executable path and never downloads
a browser. The tests skip where /usr/bin/chromium is absent.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Until pyproject.toml registers it (--strict-markers is on).
    config.addinivalue_line(
        "markers", "browser: drives JupyterLab in headless Chromium (needs /usr/bin/chromium)"
    )
