"""Effective access across an Organization: who can reach which account with what power,
who can perform an action on a resource, and every path to administrator.

Reads an Inventory only (never AWS). Built on policy_sentry (access level per action),
cloudsplaining (privilege-escalation methods) and networkx (the graph of steps).
"""

from __future__ import annotations

from .effective import effective
from .graph import escalation_graph
from .model import model_of
from .paths import outside_trust, paths_to_admin
from .who_can import who_can

__all__ = [
    "clear_caches",
    "effective",
    "escalation_graph",
    "gaps",
    "outside_trust",
    "paths_to_admin",
    "who_can",
]


def gaps(inv) -> list[str]:  # noqa: ANN001
    """What the analysis could not see: missing tables, policies without a document."""
    return list(model_of(inv).gaps)


def clear_caches() -> None:
    """Forget every parsed policy, expanded action pattern and model: the next call starts
    cold (benchmarks measure that; a long-lived kernel may want the memory back)."""
    from . import catalogue, evaluate, model, policy

    for module in (catalogue, evaluate, policy, model):
        module.clear_cache()
