"""Diagrams that fit the page and open full size, with wheel-zoom and drag-pan, on a click.

The HTML a diagram shows in a notebook and in an exported report: the picture scaled to the
page width, and a few lines of inline JavaScript (no CDN, no library: the report reads offline)
that open it at natural size in an overlay.
"""

from __future__ import annotations

import base64
import html

#: Opens a diagram full size in an overlay: wheel zooms around the pointer, drag pans,
#: Escape or a click on the backdrop closes. Defined once per page, whoever comes first.
ZOOM_SCRIPT = """<script>
if (!window.tkZoom) {
  window.tkZoom = function (figure) {
    var picture = figure.querySelector("svg, img");
    if (!picture) return;
    var width = picture.tagName === "IMG" ? picture.naturalWidth
      : picture.width.baseVal.value || picture.getBoundingClientRect().width;
    var overlay = document.createElement("div");
    overlay.className = "tk-zoom";
    overlay.style.cssText = "position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.9);"
      + "display:flex;flex-direction:column";
    var bar = document.createElement("div");
    bar.style.cssText = "color:#fff;font:13px sans-serif;padding:6px 12px";
    bar.textContent = "Wheel: zoom. Drag: move. Esc or click outside: close.";
    var pane = document.createElement("div");
    pane.style.cssText = "flex:1;overflow:auto;background:#fff;margin:0 12px 12px;cursor:grab";
    var copy = picture.cloneNode(true);
    copy.removeAttribute("height");
    copy.style.cssText = "display:block;max-width:none;height:auto";
    var scale = 1;
    function size() { copy.style.width = (width * scale) + "px"; }
    size();
    pane.appendChild(copy);
    overlay.appendChild(bar);
    overlay.appendChild(pane);
    document.body.appendChild(overlay);
    function close() {
      overlay.remove();
      document.removeEventListener("keydown", key);
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
    }
    function key(event) { if (event.key === "Escape") close(); }
    document.addEventListener("keydown", key);
    overlay.addEventListener("click", function (event) { if (event.target === overlay) close(); });
    pane.addEventListener("wheel", function (event) {
      event.preventDefault();
      var box = pane.getBoundingClientRect();
      var x = pane.scrollLeft + event.clientX - box.left, y = pane.scrollTop + event.clientY - box.top;
      var factor = event.deltaY < 0 ? 1.2 : 1 / 1.2;
      scale = Math.min(8, Math.max(0.1, scale * factor));
      size();
      pane.scrollLeft = x * factor - (event.clientX - box.left);
      pane.scrollTop = y * factor - (event.clientY - box.top);
    }, {passive: false});
    var drag = null;
    pane.addEventListener("mousedown", function (event) {
      drag = {x: event.clientX, y: event.clientY, left: pane.scrollLeft, top: pane.scrollTop};
      pane.style.cursor = "grabbing"; event.preventDefault();
    });
    function move(event) {
      if (!drag) return;
      pane.scrollLeft = drag.left - (event.clientX - drag.x);
      pane.scrollTop = drag.top - (event.clientY - drag.y);
    }
    function up() { drag = null; pane.style.cursor = "grab"; }
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
  };
}
</script>"""

_FIT = "max-width:100%;height:auto"


def diagram_html(picture: str | bytes, title: str = "diagram") -> str:
    """A diagram (SVG text, or PNG bytes) scaled to the page width; a click opens it full size
    with zoom and pan. Carries its own script so that it works wherever it is shown alone."""
    if isinstance(picture, bytes):
        encoded = base64.b64encode(picture).decode()
        body = f'<img alt="{html.escape(title)}" style="{_FIT}" src="data:image/png;base64,{encoded}"/>'
    else:
        start = picture.find("<svg")
        body = picture[start:] if start >= 0 else picture
        body = body.replace("<svg", f'<svg style="{_FIT}"', 1)
    return (
        f'<figure class="tk-diagram" title="Click to open full size: {html.escape(title)}" '
        f'style="margin:0;max-width:100%;cursor:zoom-in" onclick="window.tkZoom&&tkZoom(this)">'
        f"{body}</figure>{ZOOM_SCRIPT}"
    )
