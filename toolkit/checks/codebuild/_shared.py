"""What the CodeBuild checks share: the JSON lists of ``codebuild.projects`` read back."""

from __future__ import annotations

import json
from typing import Any


def sources(cell: object) -> list[dict[str, Any]]:
    """A project's primary and secondary sources; [] for an unread cell."""
    return json.loads(cell) if isinstance(cell, str) else []


def variables(cell: object) -> list[dict[str, Any]]:
    """A project's environment variables (name and type); [] for an unread cell."""
    return json.loads(cell) if isinstance(cell, str) else []
