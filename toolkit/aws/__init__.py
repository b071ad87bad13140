"""Transport: sessions, assume-role, client cache, concurrency limits, retries, pagination.

Only this package and ``toolkit.collectors`` touch the network.
"""

from .session import AwsSession

__all__ = ["AwsSession"]
