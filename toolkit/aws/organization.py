"""The organization's accounts, read once per run: one ListAccounts from the caller's account.

The engine (``accounts="organization"``), Identity Center's assignments and IAM's trust analysis
all need the list; each used to read it itself with its own rule for errors. Here it is read
once (``aws.memo``), and each view says what a failure means:

* ``active_accounts``: the run's accounts; any failure stops the run with one sentence;
  ``scope_accounts`` the accounts of any scope (the caller's, a list, or those).
* ``member_accounts``: every account id, any status; ``[]`` when the caller is in no
  organization, and any other failure raised as it is (the asking table's error).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import EndpointError, UsageError
from .breaker import Broken
from .errors import error_code, error_message

if TYPE_CHECKING:
    from .session import AwsSession

NOT_IN_USE = "AWSOrganizationsNotInUseException"
ACTIVE = "ACTIVE"


async def listed_accounts(aws: AwsSession) -> list[dict[str, Any]]:
    """Organizations ListAccounts from the caller's account, once per run; errors as raised."""

    async def fetch() -> list[dict[str, Any]]:
        client = await aws.client("organizations", aws.caller_account, "global")
        return await aws.items(client, "list_accounts", "Accounts")

    return await aws.memo(("organization.accounts", aws.caller_account), fetch)


async def active_accounts(aws: AwsSession) -> list[str]:
    """The organization's ACTIVE account ids, the caller's first: the accounts of a run.

    Not reaching the endpoint is an ``EndpointError``; any other failure (not in an
    organization, not allowed to list it) a ``UsageError`` saying where to run from.
    """
    try:
        listed = await listed_accounts(aws)
    except Broken as broken:
        raise EndpointError(
            f"Cannot list the organization's accounts: {broken.message}; check the endpoint "
            "and the network, then collect again."
        ) from None
    except Exception as exc:
        raise UsageError(
            f"Cannot list the organization's accounts ({error_code(exc)}: {error_message(exc)}); "
            "run from the management or a delegated administrator account, or pass --accounts "
            "with account ids."
        ) from None
    active = [a["Id"] for a in listed if (a.get("Status") or a.get("State")) == ACTIVE]
    return sorted(active, key=lambda a: (a != aws.caller_account, a))


async def scope_accounts(aws: AwsSession) -> list[str]:
    """The accounts of the scope: the caller's, a given list, or the organization's active ones."""
    scope = aws.scope
    if scope.accounts is None:
        return [aws.caller_account]
    if not scope.organization:
        return list(scope.accounts)
    return await active_accounts(aws)


async def member_accounts(aws: AwsSession) -> list[str]:
    """Every account id of the organization (any status), sorted; ``[]`` outside one."""
    try:
        listed = await listed_accounts(aws)
    except Exception as exc:
        if error_code(exc) == NOT_IN_USE:
            return []
        raise
    return sorted(account["Id"] for account in listed)
