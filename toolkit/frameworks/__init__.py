"""Compliance frameworks as data: every control of each standard, with the checks covering it.

``load("cis-3.0")`` gives a :class:`Framework` (name, title, version, controls in the standard's
order); ``available()`` names them; ``frameworks_of(check_id)`` says which controls a check
settles, in the shape check metadata used to carry (``{"CIS-3.0": ["2.1.4"], ...}``), so the
YAML files are the one place a mapping lives.

Frameworks are the ``*.yaml`` files of this package, read with ``importlib.resources`` so an
installed wheel finds its own, plus those of installed plugins: each entry point of the group
``toolkit.frameworks`` names a package whose ``*.yaml`` files are frameworks (found by
``toolkit.plugins``). A plugin that fails to load costs one warning naming it, never the rest.
Every file is validated when loaded (see ``model.parse``).
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .. import plugins
from ..errors import UsageError
from .model import Control, Framework, parse

__all__ = ["Control", "Framework", "available", "frameworks_of", "load", "refresh"]

GROUP = "toolkit.frameworks"


@dataclass(frozen=True)
class _Source:
    name: str
    file: Traversable | Path = field(compare=False)
    origin: str = "toolkit"  # "toolkit" or "plugin <entry point name>"

    @property
    def builtin(self) -> bool:
        return self.origin == "toolkit"


def available() -> list[str]:
    """Names of the frameworks that can be loaded: built-in ones first, then plugins'."""
    return list(_sources())


def load(name: str) -> Framework:
    """The named framework, validated (a UsageError names the file and what is wrong)."""
    sources = _sources()
    if name not in sources:
        raise UsageError(
            f"Unknown framework {name!r}; choose one of: {', '.join(sources) or 'none found'}."
        )
    return _load(sources[name])


def frameworks_of(check_id: str) -> dict[str, list[str]]:
    """The controls ``check_id`` covers in each framework, keyed by the framework's label.

    A plugin framework that does not validate is skipped with a warning here (its own
    ``load`` raises): one bad plugin must not take every finding's mapping down."""
    return {label: list(ids) for label, ids in _index().get(check_id, {}).items()}


def refresh() -> None:
    """Forget what was loaded, so edited framework files are read again. Plugins are found
    once per process (``toolkit.plugins``); a newly installed one needs a new kernel."""
    _sources.cache_clear()
    _load.cache_clear()
    _index.cache_clear()


@functools.cache
def _sources() -> dict[str, _Source]:
    found: dict[str, _Source] = {}
    for file in _yaml_files(resources.files(__name__)):
        found[_stem(file)] = _Source(_stem(file), file, "toolkit")
    # toolkit.plugins finds the entry points and warns once for each plugin that fails
    for plugin, path in plugins.files(GROUP):
        name = _stem(path)
        if name in found:
            _warn(
                f"Framework plugin {plugin.name!r} also defines {name!r}; the one from "
                f"{found[name].origin} is kept."
            )
            continue
        found[name] = _Source(name, path, f"plugin {plugin.name}")
    return found


@functools.cache
def _load(source: _Source) -> Framework:
    import yaml

    try:
        document = yaml.safe_load(source.file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).split())
        message = f"Framework {source.name!r} ({source.origin}) cannot be read: {detail}"
        raise UsageError(message) from exc
    return parse(source.name, document, None, source.origin)


@functools.cache
def _index() -> dict[str, dict[str, list[str]]]:
    index: dict[str, dict[str, list[str]]] = {}
    for source in _sources().values():
        try:
            framework = _load(source)
        except UsageError as exc:
            if source.builtin:
                raise
            _warn(f"{exc} It is skipped.")
            continue
        for control in framework.controls:
            for check_id in control.checks:
                index.setdefault(check_id, {}).setdefault(framework.label, []).append(control.id)
    return index


def _yaml_files(folder: Traversable) -> list[Traversable]:
    return sorted(
        (f for f in folder.iterdir() if f.is_file() and f.name.endswith(".yaml")),
        key=lambda f: f.name,
    )


def _stem(file: Traversable | Path) -> str:
    return file.name[: -len(".yaml")]


def _warn(message: str) -> None:
    warnings.warn(message, plugins.PluginWarning, stacklevel=3)
