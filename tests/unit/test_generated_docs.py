from pathlib import Path

from toolkit.checks.docs import render as render_checks
from toolkit.collectors.docs import render

ROOT = Path(__file__).resolve().parents[2]


def test_collectors_doc_is_current() -> None:
    """docs/collectors.md is generated; regenerate with `make docs` when this fails."""
    assert (ROOT / "docs" / "collectors.md").read_text() == render()


def test_checks_doc_is_current() -> None:
    """docs/checks.md is generated from the checks' metadata; `make docs` regenerates it."""
    assert (ROOT / "docs" / "checks.md").read_text() == render_checks()
