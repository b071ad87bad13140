"""moto's Athena workgroups given the creation time AWS keeps, patched into moto's model in the
server process (``install``, called beside ``moto_speedups.install``).

moto answers ``CreationTime`` with the time of the request, in ListWorkGroups and GetWorkGroup
alike, so two collections of one estate disagree on every workgroup. AWS answers the time the
workgroup was made: the sandbox records it when moto makes the workgroup and answers that; the
time travels with the workgroup in a saved estate, so a restored sandbox answers what the seeded
one did. The ``primary`` workgroup, which AWS makes when an account first uses Athena and moto
makes with the account's backend (on the first request, which may come after the estate was
saved), is dated ``PRIMARY_CREATED``, the same in every start.
"""

from __future__ import annotations

import time
from typing import Any

#: When the sandbox says every account's ``primary`` workgroup was made (2024-01-01 UTC).
PRIMARY_CREATED = 1704067200.0
_installed: list[bool] = []


def install() -> None:
    """Patch moto's Athena workgroups in this process (once)."""
    if _installed:
        return
    from moto.athena import models

    make = models.WorkGroup.__init__
    listed = models.AthenaBackend.list_work_groups
    got = models.AthenaBackend.get_work_group

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        make(self, *args, **kwargs)
        self.creation_time = PRIMARY_CREATED if self.name == "primary" else time.time()

    def created(backend: Any, name: str) -> float | None:
        group = backend.work_groups.get(name)
        return getattr(group, "creation_time", None)

    def list_work_groups(self: Any) -> list[dict[str, Any]]:
        answers = listed(self)
        for answer in answers:
            answer["CreationTime"] = created(self, answer["Name"]) or answer["CreationTime"]
        return answers

    def get_work_group(self: Any, name: str) -> dict[str, Any] | None:
        answer = got(self, name)
        if answer is not None:
            answer["CreationTime"] = created(self, name) or answer["CreationTime"]
        return answer

    models.WorkGroup.__init__ = init
    models.AthenaBackend.list_work_groups = list_work_groups
    models.AthenaBackend.get_work_group = get_work_group
    _installed.append(True)
