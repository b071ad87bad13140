"""What every renderer returns: the graph, its DOT text, and the picture in any format.

Shows inline in JupyterLab (one picture, SVG by default, with its icons embedded, fitted to
the page and zoomable on a click: ``zoom``); ``save``
writes PNG, SVG, PDF or DOT by the file's extension. Pictures are rendered on first use and
kept, so showing and saving do not lay the graph out twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..files import atomic_write_bytes
from . import draw
from .graph import Graph
from .zoom import diagram_html

EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


class RenderResult:
    """A drawn diagram: ``.graph`` (the data), ``.dot``, ``.svg()``, ``.png()``, ``.pdf()``,
    ``.save(path)``; ``.pages()`` for diagrams split into pages (large organizations)."""

    def __init__(
        self,
        graph: Graph,
        *,
        pages: Callable[[], Mapping[str, RenderResult]] | None = None,
        inline: str = "svg",
    ) -> None:
        if inline not in ("svg", "png"):
            raise UsageError(f"Cannot show a diagram inline as {inline!r}; choose svg or png.")
        self.graph = graph
        #: The format shown in a notebook: ``svg`` (sharp, icons embedded) or ``png``.
        self.inline = inline
        self._pages = pages
        self._cache: dict[str, Any] = {}

    # -- formats -------------------------------------------------------------------------
    @property
    def dot(self) -> str:
        """The DOT text Graphviz lays out; the same inventory gives the same text."""
        if "dot" not in self._cache:
            from .draw import to_dot

            self._cache["dot"] = to_dot(self.graph)
        return self._cache["dot"]

    def svg(self) -> str:
        """Self-contained SVG: every icon is a data URI, no local path is referenced."""
        if "svg" not in self._cache:
            self._cache["svg"] = draw.embed_images(draw.render(self.graph, "svg").decode())
        return self._cache["svg"]

    def png(self) -> bytes:
        if "png" not in self._cache:
            self._cache["png"] = draw.render(self.graph, "png")
        return self._cache["png"]

    def pdf(self) -> bytes:
        if "pdf" not in self._cache:
            self._cache["pdf"] = draw.render(self.graph, "pdf")
        return self._cache["pdf"]

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the picture; the extension picks the format (.png, .svg, .pdf, .dot/.gv).
        The file is written beside its target and renamed into place, owner-only (0600)."""
        target = Path(path)
        fmt = EXTENSIONS.get(target.suffix.lower())
        if fmt is None:
            raise UsageError(
                f"Cannot save a diagram as {target.name!r}; name a file ending in "
                f"{', '.join(sorted(EXTENSIONS))}."
            )
        content: bytes
        if fmt == "svg":
            content = self.svg().encode()
        elif fmt == "dot":
            content = self.dot.encode()
        else:
            content = self.png() if fmt == "png" else self.pdf()
        atomic_write_bytes(target, content)
        return target

    def pages(self) -> dict[str, RenderResult]:
        """Further pages of this diagram, by id (an org chart's summary: one page per OU whose
        accounts it folded); empty when the diagram is whole on its own."""
        return dict(self._pages()) if self._pages else {}

    # -- Jupyter -------------------------------------------------------------------------
    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_png_(self) -> bytes:
        return self.png()

    def _ipython_display_(self) -> None:
        # Only one picture: IPython would otherwise render both SVG and PNG for every display.
        from IPython.display import display

        # text/html first: the picture fits the page and opens full size with zoom on a click
        # (notebook and exported report alike); the image stays for untrusted viewers.
        data: dict[str, Any] = {"text/plain": repr(self)}
        title = self.graph.title or self.graph.kind or "diagram"
        if self.inline == "png":
            data["image/png"] = self.png()
            data["text/html"] = diagram_html(self.png(), title)
        else:
            data["image/svg+xml"] = self.svg()
            data["text/html"] = diagram_html(self.svg(), title)
        display(data, raw=True)

    def __repr__(self) -> str:
        graph = self.graph
        return (
            f"<RenderResult {graph.kind or 'diagram'} {graph.title!r}: {len(graph.nodes)} nodes, "
            f"{len(graph.edges)} edges, {len(graph.clusters)} clusters>"
        )
