"""A run's sessions share client classes and the loader; any other session is left alone."""

from __future__ import annotations

import asyncio

import aioboto3

from toolkit.aws.shared_models import share_models

ARGS = {"region_name": "us-east-1", "aws_access_key_id": "a", "aws_secret_access_key": "b"}


async def _client_class(session: aioboto3.Session) -> type:
    async with session.client("sts", endpoint_url="http://127.0.0.1:9") as client:
        return type(client)


def test_registered_sessions_share_one_class_and_one_loader() -> None:
    first, second = aioboto3.Session(**ARGS), aioboto3.Session(**ARGS)
    share_models(first)
    share_models(second)
    classes = [asyncio.run(_client_class(s)) for s in (first, second)]
    assert classes[0] is classes[1]
    loaders = [s._session.get_component("data_loader") for s in (first, second)]
    assert loaders[0] is loaders[1]


def test_other_sessions_build_their_own_class() -> None:
    registered = aioboto3.Session(**ARGS)
    share_models(registered)
    shared = asyncio.run(_client_class(registered))
    plain = [asyncio.run(_client_class(aioboto3.Session(**ARGS))) for _ in range(2)]
    assert plain[0] is not shared and plain[1] is not shared
    assert plain[0] is not plain[1]  # as botocore makes it: a class per client
