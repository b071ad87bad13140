"""Emitters copied by sharing answer exactly as botocore's own, copies and writes in any order."""

from __future__ import annotations

import asyncio
import copy

import aioboto3
from botocore.hooks import _FIRST, _LAST, _MIDDLE, _PrefixTrie
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.aws.shared_events import SharedPrefixTrie
from toolkit.aws.shared_models import share_models

KEYS = ["a", "a.b", "a.b.c", "a.*", "a.*.c", "d", "d.b", "*"]
PROBES = ["a", "a.b", "a.b.c", "a.x", "a.x.c", "d", "d.b", "d.b.c", "e.b"]
ARGS = {"region_name": "us-east-1", "aws_access_key_id": "a", "aws_secret_access_key": "b"}

operation = st.one_of(
    st.tuples(
        st.just("add"),
        st.integers(0, 7),
        st.sampled_from(KEYS),
        st.integers(0, 3),
        st.sampled_from([_FIRST, _MIDDLE, _LAST]),
    ),
    st.tuples(st.just("remove"), st.integers(0, 7), st.sampled_from(KEYS), st.integers(0, 3)),
    st.tuples(st.just("copy"), st.integers(0, 7)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(operation, max_size=40))
def test_shared_trie_answers_as_botocores_own(operations: list[tuple]) -> None:
    pairs = [(SharedPrefixTrie(), _PrefixTrie())]
    for op in operations:
        index = op[1] % len(pairs)
        ours, theirs = pairs[index]
        if op[0] == "copy":
            pairs.append((copy.copy(ours), copy.copy(theirs)))
        elif op[0] == "add":
            _, _, key, value, section = op
            ours.append_item(key, value, section)
            theirs.append_item(key, value, section)
        else:
            _, _, key, value = op
            outcomes = []
            for trie in (ours, theirs):
                try:
                    trie.remove_item(key, value)
                    outcomes.append("removed")
                except (ValueError, AttributeError, TypeError) as exc:
                    outcomes.append(type(exc).__name__)
            assert outcomes[0] == outcomes[1]
        for ours, theirs in pairs:
            for probe in PROBES:
                assert list(ours.prefix_search(probe)) == list(theirs.prefix_search(probe))


async def _events(session: aioboto3.Session) -> list[list[str]]:
    """The handlers of a client's events, and whether a client's own handler stays its own."""

    def own(**_: object) -> None:
        return None

    names = [
        "before-call.s3.ListBuckets",
        "before-parameter-build.s3.GetBucketPolicy",
        "needs-retry.ec2.DescribeInstances",
        "before-sign.s3-control.ListAccessPoints",
        "creating-client-class.iam",
        "provide-client-params.sts.AssumeRole",
    ]
    endpoint = "http://127.0.0.1:9"
    async with (
        session.client("s3", endpoint_url=endpoint) as first,
        session.client("s3", endpoint_url=endpoint) as second,
    ):
        first.meta.events.register("before-call.s3.ListBuckets", own)
        events = second.meta.events
        seen = [
            [_name(h) for h in events._emitter._handlers.prefix_search(events._alias_event_name(n))]
            for n in names
        ]
        reached = own in first.meta.events._emitter._handlers.prefix_search(
            "before-call.s3.ListBuckets"
        )
        leaked = own in second.meta.events._emitter._handlers.prefix_search(
            "before-call.s3.ListBuckets"
        )
    return [*seen, [str(reached), str(leaked)]]


def _name(handler: object) -> str:
    return getattr(handler, "__qualname__", type(handler).__qualname__)


def test_registered_session_clients_have_botocores_handlers() -> None:
    registered = aioboto3.Session(**ARGS)
    share_models(registered)
    ours = asyncio.run(_events(registered))
    theirs = asyncio.run(_events(aioboto3.Session(**ARGS)))
    assert ours == theirs
    assert ours[-1] == ["True", "False"]  # a client's handler reaches it alone
