"""One tree of user-facing errors.

Every error a user can cause carries one sentence that names the problem and the fix; the
command line prints that sentence and exits with status 2, never a traceback (papermill's
model: one exception tree, structured fields, a clear message).
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose. ``str(err)`` is the sentence to show,
    always on one line (a parser's multi-line report inside it is folded)."""

    exit_status = 2

    def __str__(self) -> str:
        return " ".join(super().__str__().split())


class UsageError(ToolkitError):
    """Bad input from the user: an unknown region, service, table, estate, or a malformed id."""


class CredentialsError(ToolkitError):
    """The caller's own identity cannot be established (no, bad or expired credentials)."""


class EndpointError(ToolkitError):
    """The AWS endpoint cannot be reached at all, or stopped answering during a run.

    When it stopped during a run, ``collected`` and ``not_collected`` list the tables read
    completely before it stopped and the others; nothing of the run is saved.
    """

    def __init__(
        self,
        message: str,
        *,
        collected: list[str] | None = None,
        not_collected: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.collected = list(collected or [])
        self.not_collected = list(not_collected or [])


class SnapshotError(ToolkitError):
    """A snapshot directory is missing, unreadable, corrupt or from an incompatible version."""


class SandboxError(ToolkitError):
    """The emulated estate could not be started or seeded."""
