"""The little language the seeders write their part of the estate schema in, and its checker.

A schema is plain data: a mapping ``{key: spec}`` allows exactly those keys, ``[spec]`` is a
list of such items, ``("map", spec)`` a mapping of any keys to such values, and a type (or a
tuple of types) a leaf; ``bool`` is never taken for ``int``. A mapping may hold itself (an OU
holds OUs).
"""

from __future__ import annotations

from typing import Any

from ...errors import UsageError

#: The checks whose misconfiguration a resource carries on purpose (any resource may say).
PLANTED = [str]


def check_schema(value: Any, spec: Any, where: str, source: str) -> None:
    """Raise a UsageError naming the first key or value of ``value`` that ``spec`` refuses."""
    place = where or "the top level"
    if isinstance(spec, tuple) and spec and spec[0] == "map":
        if not isinstance(value, dict):
            raise UsageError(f"{source}: {place} must be a mapping; fix the estate file.")
        for key, item in value.items():
            check_schema(item, spec[1], f"{where}.{key}" if where else str(key), source)
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            raise UsageError(f"{source}: {place} must be a mapping; fix the estate file.")
        for key, item in value.items():
            if key not in spec:
                raise UsageError(
                    f"{source}: unknown key {key!r} at {place}; allowed keys are "
                    f"{', '.join(sorted(spec))}."
                )
            check_schema(item, spec[key], f"{where}.{key}" if where else key, source)
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise UsageError(f"{source}: {place} must be a list; fix the estate file.")
        for index, item in enumerate(value):
            check_schema(item, spec[0], f"{where}[{index}]", source)
    else:
        types = spec if isinstance(spec, tuple) else (spec,)
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            expected = " or ".join(t.__name__ for t in types)
            raise UsageError(
                f"{source}: {place} must be a {expected}, not {value!r}; fix the estate file."
            )
