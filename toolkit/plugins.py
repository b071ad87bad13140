"""Plugins: installed packages that add tables, checks, frameworks and report notebooks.

Found through Python entry points with ``importlib.metadata``, the way pytest and papermill
find theirs. Four groups:

- ``toolkit.tables``, ``toolkit.checks``: a module whose import registers tables (``@table``)
  or checks (``@check``) with the built-in registries;
- ``toolkit.frameworks``: a package whose ``*.yaml`` files are compliance frameworks;
- ``toolkit.reports``: a package whose ``*.ipynb`` files are report notebooks.

``load_plugins()`` runs once per process (later calls return what the first found). A plugin
that fails to load is named in one ``PluginWarning`` and skipped; the rest still load. This
module imports nothing of the toolkit's own, so any registry may call it.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Entry-point group -> what its entry points name: a module to import, or a package of files.
GROUPS = {
    "toolkit.tables": "module",
    "toolkit.checks": "module",
    "toolkit.frameworks": ".yaml",
    "toolkit.reports": ".ipynb",
}


class PluginWarning(UserWarning):
    """An installed plugin could not be loaded; everything else was."""


@dataclass(frozen=True)
class Plugin:
    """One entry point: what it names, the distribution that installed it, what it gave."""

    group: str
    name: str
    module: str
    distribution: str
    location: str = ""
    error: str = ""
    files: tuple[Path, ...] = ()


class _State:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.loading = False
        self.plugins: list[Plugin] | None = None


_STATE = _State()


def load_plugins() -> list[Plugin]:
    """Import every table and check plugin and find every framework and report file, once.

    Idempotent and safe to call from any registry (a plugin whose import asks for the
    registry again gets the plugins loaded so far).
    """
    with _STATE.lock:
        if _STATE.plugins is not None:
            return list(_STATE.plugins)
        if _STATE.loading:
            return []
        _STATE.loading = True
        try:
            found = [_load(group, entry) for group, entry in _entry_points()]
        finally:
            _STATE.loading = False
        _STATE.plugins = found
        for plugin in found:
            if plugin.error:
                warnings.warn(
                    f"toolkit plugin {plugin.name!r} ({plugin.group}, module {plugin.module}, "
                    f"from {plugin.distribution}) was not loaded: {plugin.error}",
                    PluginWarning,
                    stacklevel=2,
                )
        return list(found)


def discovered() -> list[tuple[str, str, str, str, str]]:
    """Every plugin entry point as (group, name, module, distribution, error); error is ''
    for one that loaded."""
    return [(p.group, p.name, p.module, p.distribution, p.error) for p in load_plugins()]


def files(group: str) -> list[tuple[Plugin, Path]]:
    """The files the plugins of ``toolkit.frameworks`` or ``toolkit.reports`` provide."""
    if GROUPS.get(group, "module") == "module":
        raise ValueError(f"{group!r} is not a group of files; use one of {_file_groups()}.")
    return [(p, path) for p in load_plugins() if p.group == group for path in p.files]


def framework_files() -> list[Path]:
    """The ``*.yaml`` frameworks that plugins provide (``toolkit.frameworks``)."""
    return [path for _, path in files("toolkit.frameworks")]


def report_files() -> list[tuple[Plugin, Path]]:
    """The ``*.ipynb`` report notebooks that plugins provide (``toolkit.reports``)."""
    return files("toolkit.reports")


def _file_groups() -> str:
    return ", ".join(g for g, kind in GROUPS.items() if kind != "module")


def _entry_points() -> list[tuple[str, Any]]:
    """(group, entry point) for every group, each once, in a stable order."""
    from importlib.metadata import entry_points

    seen: set[tuple[str, str, str]] = set()
    found = []
    for group in GROUPS:
        for entry in sorted(entry_points(group=group), key=lambda e: (e.name, e.value)):
            key = (group, entry.name, entry.value)
            if key not in seen:
                seen.add(key)
                found.append((group, entry))
    return found


def _load(group: str, entry: Any) -> Plugin:
    """Import what ``entry`` names; an exception becomes the Plugin's ``error``."""
    dist = getattr(entry, "dist", None)
    distribution = f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"
    try:
        loaded = entry.load()
        if GROUPS[group] == "module":
            location = str(getattr(loaded, "__file__", "") or "")
            return Plugin(group, entry.name, entry.value, distribution, location)
        from importlib.resources import files as package_files

        folder = package_files(entry.value)
        found = sorted(
            Path(str(item))
            for item in folder.iterdir()
            if item.name.endswith(GROUPS[group]) and item.is_file()
        )
        return Plugin(group, entry.name, entry.value, distribution, str(folder), files=tuple(found))
    except Exception as exc:  # any failure of a third party's import: named, then skipped
        error = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Plugin(group, entry.name, entry.value, distribution, error=error)
