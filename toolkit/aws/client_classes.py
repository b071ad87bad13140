"""One client class per service for a whole run, instead of one per client.

botocore builds a new Python class for every client it creates: one method per operation, each
with its operation model, then the ``creating-client-class`` event. A run creates a client per
(service, account, region), hundreds of them for the same few dozen services, and building the
class was most of the CPU a client cost (an EC2 client: about 13 ms with its class built, 1.5 ms
with the class reused; 2 cores, botocore 1.40). The class depends only on the service's model
and on the handlers of that event, which are the same for every session of a run (aioboto3
registers them alike on each), so the run's sessions share the classes they build.

The sharing is opt-in per session (``share_client_classes``): a client of any other session in
the process, a notebook's own boto3 clients included, is built exactly as botocore builds it.
"""

from __future__ import annotations

import weakref
from typing import Any

from aiobotocore.client import AioClientCreator

#: A run's shared classes, by the event emitter of each of its sessions (what a creator holds).
_shared: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], type]] = weakref.WeakKeyDictionary()
_build_class = AioClientCreator._create_client_class


async def _shared_client_class(self: Any, service_name: str, service_model: Any) -> type:
    classes = _shared.get(self._event_emitter)
    if classes is None:
        return await _build_class(self, service_name, service_model)
    key = (service_name, service_model.api_version)
    cls = classes.get(key)
    if cls is None:
        cls = classes[key] = await _build_class(self, service_name, service_model)
    return cls


AioClientCreator._create_client_class = _shared_client_class  # type: ignore[method-assign]


def share_client_classes(session: Any, classes: dict[tuple[str, str], type]) -> None:
    """Make clients of this aioboto3 session use (and fill) the run's ``classes``."""
    _shared[session._session.get_component("event_emitter")] = classes
