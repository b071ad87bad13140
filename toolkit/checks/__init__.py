"""Security checks: pure functions over the Inventory's DataFrames, with their metadata.

``toolkit.run_checks(inv)`` gives the findings; ``@toolkit.check(...)`` defines a custom check
(see ``base.check``). Checks never call AWS.
"""

from __future__ import annotations

import importlib

from .base import REGISTRY, SEVERITIES, Check, check, evaluate, select

BUILTIN_MODULES = (
    "organizations",
    "s3",
    "ec2",
    "iam",
    "sso",
    "rds",
    "lambda_",
    "kms",
    "cloudtrail",
)

__all__ = ["REGISTRY", "SEVERITIES", "Check", "check", "evaluate", "load_builtin", "select"]


def load_builtin() -> None:
    """Import every built-in check module once (each registers its checks)."""
    for name in BUILTIN_MODULES:
        importlib.import_module(f"{__name__}.{name}")
