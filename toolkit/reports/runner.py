"""Run a report: papermill executes the notebook, nbconvert turns it into standalone HTML.

The notebook runs in a temporary working directory (nothing lands in the caller's). A failing
cell leaves ``NAME.failed.ipynb`` beside the output and raises one ReportError naming the cell
and the error; a finished run writes ``NAME.ipynb`` and ``NAME.html``, each atomically and owner-only.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SnapshotError, ToolkitError
from ..files import atomic_write_text
from .catalogue import check_parameters, get_report
from .styling import add_contents

#: External scripts and styles nbconvert's template links to (MathJax, require.js): a shared
#: report must read offline, and nothing in ours needs them.
_EXTERNAL = re.compile(
    r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>|<link[^>]+href=\"https?://[^\"]*\"[^>]*>",
    re.IGNORECASE,
)


#: Parameters that name a snapshot directory (the drift report's ``old`` and ``new`` too): each
#: must be one, and reaches the notebook as an absolute path (it runs in another directory).
SNAPSHOT_PARAMETERS = ("snapshot", "old", "new")


class ReportError(ToolkitError):
    """A report's notebook failed; ``path`` is the partial notebook, kept for inspection."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class ReportResult:
    notebook: Path
    html: Path


def run_report(
    name: str,
    output_dir: str | os.PathLike[str],
    parameters: dict[str, Any] | None = None,
    *,
    timeout: int = 900,
) -> ReportResult:
    """Execute report ``name`` with ``parameters``; write NAME.ipynb and NAME.html."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    report = get_report(name)
    values = dict(parameters or {})
    check_parameters(report, values)
    for key in SNAPSHOT_PARAMETERS:
        if not values.get(key):
            continue
        snapshot = Path(values[key]).resolve()
        if not (snapshot / "manifest.json").is_file():
            raise SnapshotError(
                f"{values[key]} is not a snapshot (no manifest.json); give a directory "
                "written by 'toolkit collect -o DIR'."
            )
        values[key] = str(snapshot)
    for key in ("mutes", "findings_file", "old_findings", "new_findings", "history"):
        if values.get(key):
            values[key] = str(Path(values[key]).resolve())
    if values.get("history"):
        from ..history import History

        History(values["history"])  # not a history: one sentence now, not a failed cell
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    final, html, failed = out / f"{name}.ipynb", out / f"{name}.html", out / f"{name}.failed.ipynb"
    staging = out / f".{name}.running.ipynb"
    staging.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="toolkit-report-") as workdir:
        try:
            staging.touch(mode=0o600)  # papermill writes into it in place: owner-only from now
            papermill.execute_notebook(
                str(report.path),
                str(staging),
                parameters=values,
                kernel_name="python3",
                progress_bar=False,
                cwd=workdir,
                execution_timeout=timeout,
                config=_ipc_kernel(workdir),
            )
        except PapermillExecutionError as exc:
            staging.replace(failed)
            raise ReportError(
                f"Report {name!r} failed in cell {exc.exec_count} ({exc.ename}: "
                f"{str(exc.evalue).strip()}); the partial notebook is {failed}.",
                failed,
            ) from None
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
    atomic_write_text(html, export_html(staging))
    staging.replace(final)
    failed.unlink(missing_ok=True)
    return ReportResult(final, html)


def _ipc_kernel(workdir: str) -> Any:
    """Kernel configuration: talk to the kernel over Unix sockets in ``workdir``, not TCP.

    Over TCP the kernel's ports are open to every local user and ipykernel warns, on every run,
    that traffic is unencrypted; sockets in a private temporary directory are neither. The
    socket path is absolute because the kernel runs in ``workdir`` and the client does not.
    """
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(workdir, "kernel")}})


def export_html(notebook: str | os.PathLike[str]) -> str:
    """The executed notebook as standalone HTML, inputs hidden for readers, a table of contents
    under the title."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nbformat.read(str(notebook), as_version=4))
    return add_contents(_EXTERNAL.sub("", body))
