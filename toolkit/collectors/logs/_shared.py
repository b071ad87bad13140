"""What the CloudWatch Logs tables share."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

SERVICE = "logs"
PAGE = {"PaginationConfig": {"PageSize": 50}}


def epoch_millis(value: Any) -> datetime | None:
    """CloudWatch Logs answers times as milliseconds since the epoch: a UTC datetime."""
    return None if value is None else datetime.fromtimestamp(int(value) / 1000, tz=UTC)
