"""Effective access: the ground truth of who can reach what, declared in the estate.

The IAM, S3, KMS and Organizations seeders make the principals, policies, trusts, boundaries and
SCPs; ``access_truth:`` says what they add up to, so that the toolkit's access analysis is
compared with answers written down beforehand, never with its own output:

- ``paths``: each privilege-escalation path to admin that must be reported, its steps in order
  (``from``, ``to``, ``method``: a name from cloudsplaining's catalogue, or AssumeRole); it ends
  where its last step ends (at its start for a self-escalation) and reaches admin in
  ``target_account`` (an account key);
- ``blocked``: escalations the principal's own policies allow but an SCP or a permissions
  boundary stops; they must not be reported;
- ``who_can``: for an action on a resource, every principal that may perform it, ``allowed``
  or ``conditional`` (a condition the inventory cannot decide).

Principals are ids as the toolkit reports them: a user's or role's ARN, ``arn:aws:iam::ID:root``
for an account outside the organization, ``*`` for anyone. ARNs name accounts with
``{account:KEY}`` and keys with ``{kms_key:KEY/ALIAS}`` (``references.py``). Nothing is called
here: this step runs last and only resolves ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from .references import resolve

if TYPE_CHECKING:
    from ..seed import Seeder

STEP = {"from": str, "to": str, "method": str}
PATH = {"start": str, "target_account": str, "steps": [STEP]}
BLOCKED = {"start": str, "method": str, "blocked_by": str}
WHO_CAN = {"action": str, "resource": str, "principals": ("map", str)}
SCHEMA = {"access_truth": {"paths": [PATH], "blocked": [BLOCKED], "who_can": [WHO_CAN]}}
BLOCKERS = ("scp", "boundary")
ANSWERS = ("allowed", "conditional")


@dataclass
class AccessTruth:
    #: {"start", "end", "target_account", "steps": [{"from", "to", "method"}]}, ids resolved
    access_paths: list[dict[str, Any]] = field(default_factory=list)
    #: {"start", "method", "blocked_by": "scp" | "boundary"}
    access_blocked: list[dict[str, Any]] = field(default_factory=list)
    #: {"action", "resource", "principals": {principal id: "allowed" | "conditional"}}
    who_can: list[dict[str, Any]] = field(default_factory=list)


def check(data: dict[str, Any], source: str) -> None:
    """What a schema cannot say: steps chain, blockers and answers come from a short list."""
    spec = data.get("access_truth", {})
    for n, path in enumerate(spec.get("paths", [])):
        steps = path.get("steps", [])
        chained = bool(steps) and steps[0].get("from") == path.get("start")
        chained = chained and all(a.get("to") == b.get("from") for a, b in pairwise(steps))
        if not chained:
            raise UsageError(
                f"{source}: access_truth.paths[{n}] must have steps, the first from its start "
                "and each from where the one before it ends; fix the estate file."
            )
    for n, blocked in enumerate(spec.get("blocked", [])):
        if blocked.get("blocked_by") not in BLOCKERS:
            raise UsageError(
                f"{source}: access_truth.blocked[{n}].blocked_by must be one of "
                f"{', '.join(BLOCKERS)}; fix the estate file."
            )
    for n, answer in enumerate(spec.get("who_can", [])):
        wrong = sorted(set(answer.get("principals", {}).values()) - set(ANSWERS))
        if wrong:
            raise UsageError(
                f"{source}: access_truth.who_can[{n}] answers {wrong[0]!r}; use one of "
                f"{', '.join(ANSWERS)}."
            )


def seed(seeder: Seeder) -> None:
    """Resolve the declared answers into the truth (account keys and ARNs to ids)."""
    spec = seeder.estate.get("access_truth", {})
    for path in spec.get("paths", []):
        steps = resolve(seeder, path["steps"])
        seeder.truth.access_paths.append(
            {
                "start": resolve(seeder, path["start"]),
                "end": steps[-1]["to"],
                "target_account": seeder.account_ids[path["target_account"]],
                "steps": steps,
            }
        )
    seeder.truth.access_blocked.extend(resolve(seeder, spec.get("blocked", [])))
    seeder.truth.who_can.extend(resolve(seeder, spec.get("who_can", [])))
