"""One tree of user-facing errors.

Every error a user can cause carries one sentence that names the problem and the fix; the
command line prints that sentence and exits with status 2, never a traceback (papermill's
model: one exception tree, structured fields, a clear message).
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose. ``str(err)`` is the sentence to show."""

    exit_status = 2


class UsageError(ToolkitError):
    """Bad input from the user: an unknown region, service, table, estate, or a malformed id."""


class CredentialsError(ToolkitError):
    """The caller's own identity cannot be established (no, bad or expired credentials)."""


class EndpointError(ToolkitError):
    """The AWS endpoint cannot be reached at all."""


class SnapshotError(ToolkitError):
    """A snapshot directory is missing, unreadable, corrupt or from an incompatible version."""


class SandboxError(ToolkitError):
    """The emulated estate could not be started or seeded."""
