"""Security checks: pure functions over the Inventory's DataFrames, with their metadata.

``toolkit.run_checks(inv)`` gives the findings; ``@toolkit.check(...)`` defines a custom check
(see ``base.check``). Checks never call AWS.

Built-in checks are one file each, ``toolkit/checks/<service>/<check_id>.py`` (helpers a
service's checks share in ``<service>/_shared.py``), found by walking this package: adding a
check is adding its file, with no list to keep. Installed packages add theirs through the
entry-point group ``toolkit.checks``, each entry point naming a module whose import registers
its checks; ``toolkit.plugins`` loads them, naming a plugin that fails to import in a
``PluginWarning`` (``warnings.warn``) while the rest loads.
"""

from __future__ import annotations

from .base import REGISTRY, SEVERITIES, Check, check, evaluate, select
from .discover import builtin_modules, import_builtin, load_builtin

__all__ = [
    "REGISTRY",
    "SEVERITIES",
    "Check",
    "builtin_modules",
    "check",
    "evaluate",
    "import_builtin",
    "load_builtin",
    "select",
]
