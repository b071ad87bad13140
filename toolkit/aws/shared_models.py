"""What every collection run of a process shares: one botocore loader, one client class per
service.

Both are what a client costs most to make, and both depend only on the service, never on the
account, the region or the credentials:

- the loader parses a service's model files (its API, paginators, endpoint rules) on first use
  and keeps them; a loader per run parsed them again for every run (2 s of a 16 s demo
  collection in a notebook or test process that had collected before);
- botocore builds a new Python class for every client it creates: one method per operation,
  each with its operation model, then the ``creating-client-class`` event; a run makes a client
  per (service, account, region), and building the class was most of the CPU a client cost (an
  EC2 client: about 13 ms with its class built, 1.5 ms with it reused; 2 cores, botocore 1.40).
  The class depends only on the service's model and on that event's handlers, which aioboto3
  registers alike on every session.

Only the sessions a run registers (``share_models``) share them: a client of any other session
in the process, a notebook's own boto3 clients included, is made exactly as botocore makes it.
"""

from __future__ import annotations

import weakref
from typing import Any

from aiobotocore.client import AioClientCreator

from .shared_events import share_events
from .timestamps import use_fast_timestamps

#: The process's client classes, by (service, API version).
_classes: dict[tuple[str, str], type] = {}
#: The event emitters of the registered sessions (what a client creator holds of its session).
_registered: weakref.WeakSet[Any] = weakref.WeakSet()
_loader: list[Any] = []
_build_class = AioClientCreator._create_client_class


async def _shared_client_class(self: Any, service_name: str, service_model: Any) -> type:
    if self._event_emitter not in _registered:
        return await _build_class(self, service_name, service_model)
    key = (service_name, service_model.api_version)
    cls = _classes.get(key)
    if cls is None:
        cls = _classes[key] = await _build_class(self, service_name, service_model)
    return cls


AioClientCreator._create_client_class = _shared_client_class  # type: ignore[method-assign]


def share_models(session: Any) -> None:
    """Make this aioboto3 session use the process's loader and client classes, and give its
    event emitter copies that cost nothing (``shared_events``).

    The first session registered lends its loader (so a profile's ``data_path`` still counts)."""
    core = session._session
    if not _loader:
        _loader.append(core.get_component("data_loader"))
    else:
        core.register_component("data_loader", _loader[0])
    share_events(core)
    _registered.add(core.get_component("event_emitter"))
    use_fast_timestamps(session)  # and dateutil only for timestamps AWS seldom writes
