"""Reports: parameterized notebooks (``toolkit/data/notebooks``, and plugins') run with papermill,
shared as HTML.

``toolkit.reports.run_report("audit", "reports", {"demo": True})`` writes audit.ipynb and a
standalone audit.html; ``sections`` holds what the notebooks show, as plain functions.
"""

from .catalogue import get_report, reports
from .runner import ReportError, ReportResult, export_html, run_report

__all__ = ["ReportError", "ReportResult", "export_html", "get_report", "reports", "run_report"]
