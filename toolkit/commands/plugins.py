"""``toolkit plugins``: the installed plugins, what each adds and where it comes from."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit plugins`` to the ``toolkit`` command's sub-parsers."""
    return subparsers.add_parser(
        "plugins",
        help="list the installed plugins: tables, checks, frameworks and reports they add",
        description="List the plugins found through the entry-point groups toolkit.tables, "
        "toolkit.checks, toolkit.frameworks and toolkit.reports, with what each adds.",
    )


def run(args: argparse.Namespace) -> int:
    """Print one block per plugin entry point; 1 when one of them failed to load."""
    from ..checks import select
    from ..collectors import select_tables
    from ..plugins import GROUPS, load_plugins

    found = load_plugins()
    if not found:
        print(f"No plugin installed (entry-point groups: {', '.join(GROUPS)}).")
        return 0
    tables = select_tables()
    checks = select()
    for plugin in found:
        print(f"{plugin.group:19} {plugin.name}  ({plugin.module}, from {plugin.distribution})")
        if plugin.error:
            print(f"  not loaded: {plugin.error}")
            continue
        if plugin.location:
            print(f"  at {plugin.location}")
        if plugin.group == "toolkit.tables":
            names = [t.name for t in tables if _within(t.module, plugin.module)]
            print(f"  tables: {', '.join(names) or 'none'}")
        elif plugin.group == "toolkit.checks":
            ids = [c.check_id for c in checks if _within(c.function.__module__, plugin.module)]
            print(f"  checks: {', '.join(ids) or 'none'}")
        else:
            kind = "frameworks" if plugin.group == "toolkit.frameworks" else "reports"
            print(f"  {kind}: {', '.join(p.stem for p in plugin.files) or 'none'}")
    failed = [p for p in found if p.error]
    print(f"\n{len(found) - len(failed)} plugin entry points loaded, {len(failed)} failed")
    return 1 if failed else 0


def _within(module: str, plugin_module: str) -> bool:
    return module == plugin_module or module.startswith(plugin_module + ".")
