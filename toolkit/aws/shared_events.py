"""Event emitters that a run's clients copy for almost nothing.

botocore gives every client a copy of its session's event emitter, so that handlers registered
on one client never reach another. The copy walks the whole handler trie (about 370 nodes: every
handler botocore and boto3 register for every service), and the copy's event-name aliaser
starts with an empty cache, so each client works out the aliases of every event it emits again.
In a demo collection (703 clients) the two were 4 of the client's 10 s of CPU.

Here the trie is copied by sharing: a copy shares every node with its original, and whichever
of them registers or unregisters a handler first copies just the nodes on that event's path
(path copying, as in persistent data structures). Lookups read the same handlers in the same
order as botocore's own trie. The aliaser's cache is shared by an emitter and its copies, and by every
registered session with botocore's alias table: an alias is a pure function of the event name
and that table.

Only the sessions a run registers (``share_events``) get these; others are left as botocore
makes them.
"""

from __future__ import annotations

import copy
from typing import Any

from botocore.hooks import _MIDDLE, EventAliaser, NodeList, _PrefixTrie
from botocore.utils import EVENT_ALIASES

_OWNER = "owner"
#: Aliased event names, shared by every registered session whose alias table is botocore's.
_ALIASED_NAMES: dict[str, str] = {}


class SharedPrefixTrie(_PrefixTrie):
    """botocore's handler trie, copied in constant time and copied on write, path by path."""

    def __init__(self) -> None:
        super().__init__()
        self._token = object()
        self._root[_OWNER] = self._token

    def __copy__(self) -> SharedPrefixTrie:
        twin = SharedPrefixTrie.__new__(SharedPrefixTrie)
        twin._root = self._root
        # From now on neither owns a node: the first write on each side copies its path.
        twin._token = object()
        self._token = object()
        return twin

    def append_item(self, key: str, value: Any, section: int = _MIDDLE) -> None:
        self._own_path(key.split("."))
        super().append_item(key, value, section)

    def remove_item(self, key: str, value: Any) -> None:
        self._own_path(key.split("."))
        super().remove_item(key, value)

    def _own_path(self, parts: list[str]) -> None:
        """Make every node on the path to ``parts`` this trie's own, copying shared ones."""
        node = self._root = self._owned(self._root)
        for part in parts:
            child = node["children"].get(part)
            if child is None:
                return  # the rest of the path is new: botocore creates it in our own nodes
            child = node["children"][part] = self._owned(child)
            node = child

    def _owned(self, node: dict[str, Any]) -> dict[str, Any]:
        if node.get(_OWNER) is self._token:
            return node
        values = node["values"]
        return {
            "chunk": node["chunk"],
            "values": copy.copy(values) if isinstance(values, NodeList) else values,
            "children": dict(node["children"]),
            _OWNER: self._token,
        }


class SharedCacheAliaser(EventAliaser):
    """botocore's event aliaser whose copies share its cache of aliased names."""

    def __copy__(self) -> SharedCacheAliaser:
        twin = SharedCacheAliaser(copy.copy(self._emitter), self._event_aliases)
        twin._alias_name_cache = self._alias_name_cache
        return twin


def share_events(core_session: Any) -> None:
    """Give a botocore session's emitter the cheap copies above (idempotent)."""
    aliaser = core_session.get_component("event_emitter")
    if type(aliaser) is EventAliaser:
        aliaser.__class__ = SharedCacheAliaser
        if aliaser._event_aliases == EVENT_ALIASES:
            aliaser._alias_name_cache = _ALIASED_NAMES
    handlers = getattr(aliaser, "_emitter", None)
    trie = getattr(handlers, "_handlers", None)
    if type(trie) is _PrefixTrie:
        trie.__class__ = SharedPrefixTrie
        trie._token = object()  # owns nothing yet: its first write copies the path
