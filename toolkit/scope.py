"""Scope: who and where to collect. Plain data, validated on creation, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from .errors import UsageError

ORGANIZATION = "organization"
_ACCOUNT_ID = re.compile(r"^\d{12}$")
DEFAULT_MAX_CONCURRENCY = 64
#: Seconds to wait for a connection, and for an answer once connected, before a retry.
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 30.0
#: Attempts per API call (the first plus retries) under botocore's ``standard`` retry mode.
DEFAULT_MAX_ATTEMPTS = 5


@cache
def known_regions() -> frozenset[str]:
    """Every region botocore knows in any partition (read from its bundled endpoints file)."""
    import botocore.session

    session = botocore.session.get_session()
    regions: set[str] = set()
    for partition in session.get_available_partitions():
        for service in ("ec2", "s3", "sts"):
            regions.update(session.get_available_regions(service, partition_name=partition))
    return frozenset(regions)


def _split(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [str(item).strip() for item in items if str(item).strip()]
    return cleaned or None


@dataclass(frozen=True)
class Scope:
    """Which accounts and regions to read, and how.

    ``accounts=None`` reads the caller's own account; ``accounts="organization"`` every active
    account of the Organization, reached by AssumeRole into ``role_name``; a list of ids reads
    those. ``regions=None`` means every region enabled for the caller's account.
    ``credentials`` (access key, secret, optional token) is for endpoints such as the sandbox;
    it is never shown, saved or put in ``inv.meta``. ``connect_timeout`` and ``read_timeout``
    (seconds) and ``max_attempts`` (per API call, retries included) shape botocore's client:
    a request held past the read timeout is retried like a throttled one.
    """

    profile: str | None = None
    regions: list[str] | None = None
    accounts: str | list[str] | None = None
    role_name: str = "OrganizationAccountAccessRole"
    endpoint_url: str | None = None
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    service_concurrency: dict[str, int] = field(default_factory=dict)
    credentials: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS

    def __post_init__(self) -> None:
        regions = _split(self.regions)
        if regions:
            unknown = sorted(set(regions) - known_regions())
            if unknown:
                raise UsageError(
                    f"Unknown region {', '.join(repr(r) for r in unknown)}; "
                    "use region codes such as us-east-1 or eu-west-1."
                )
        object.__setattr__(self, "regions", regions)

        accounts = self.accounts
        if isinstance(accounts, str) and accounts.strip().lower() == ORGANIZATION:
            accounts = ORGANIZATION
        else:
            accounts = _split(accounts)
            for account in accounts or []:
                if not _ACCOUNT_ID.match(account):
                    raise UsageError(
                        f"Malformed account id {account!r}; an AWS account id is 12 digits, "
                        "or use 'organization' for every account of the Organization."
                    )
        object.__setattr__(self, "accounts", accounts)

        if not isinstance(self.max_concurrency, int) or self.max_concurrency < 1:
            raise UsageError(
                f"max_concurrency must be a positive whole number, not {self.max_concurrency!r}; "
                f"give a number such as {DEFAULT_MAX_CONCURRENCY}."
            )
        for name in ("connect_timeout", "read_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise UsageError(
                    f"{name} must be a positive number of seconds, not {value!r}; give one "
                    f"such as {DEFAULT_READ_TIMEOUT:g}."
                )
        if (
            isinstance(self.max_attempts, bool)
            or not isinstance(self.max_attempts, int)
            or not 1 <= self.max_attempts <= 20
        ):
            raise UsageError(
                f"max_attempts must be a whole number from 1 to 20, not {self.max_attempts!r}; "
                f"give one such as {DEFAULT_MAX_ATTEMPTS}."
            )
        if self.endpoint_url is not None and not re.match(r"^https?://", self.endpoint_url):
            raise UsageError(
                f"Endpoint URL {self.endpoint_url!r} is not a URL; give it as http(s)://host:port."
            )

    @property
    def organization(self) -> bool:
        return self.accounts == ORGANIZATION

    def replace(self, **changes: Any) -> Scope:
        return replace(self, **changes)

    def describe(self) -> dict[str, Any]:
        """What to record in ``inv.meta``: everything but credentials."""
        return {
            "profile": self.profile,
            "regions": self.regions,
            "accounts": self.accounts,
            "role_name": self.role_name,
            "endpoint_url": self.endpoint_url,
            "max_concurrency": self.max_concurrency,
            "connect_timeout": self.connect_timeout,
            "read_timeout": self.read_timeout,
            "max_attempts": self.max_attempts,
        }
