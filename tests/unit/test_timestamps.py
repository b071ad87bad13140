"""The run's timestamp parser gives what botocore's gives, and only the run's sessions use it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import aioboto3
import pytest
from botocore.utils import parse_timestamp as botocore_parse_timestamp

from toolkit.aws.shared_models import share_models
from toolkit.aws.timestamps import parse_timestamp

ARGS = {"region_name": "us-east-1", "aws_access_key_id": "a", "aws_secret_access_key": "b"}
#: Each shape AWS answers with (the demo collection's are the first six), then the ones left to
#: botocore: RFC 822 (S3's headers), epoch seconds as text, a date alone.
VALUES = [
    "2026-11-30T15:02:45.123456Z",
    "2026-11-30T15:02:45.123Z",
    "2026-11-30T15:02:45Z",
    "2026-11-30T15:02:45.123456",
    1764514965,
    1764514965.25,
    "2026-11-30T15:02:45.5Z",
    "2026-11-30T17:02:45+02:00",
    "2026-11-30T15:02:45.1-05:30",
    "2026-11-30T15:02:45+00:00",
    "Mon, 30 Nov 2026 15:02:45 GMT",
    "1764514965",
    "2026-11-30",
]


@pytest.mark.parametrize("value", VALUES, ids=str)
def test_same_instant_as_botocore(value: object) -> None:
    ours, theirs = parse_timestamp(value), botocore_parse_timestamp(value)
    assert isinstance(ours, datetime)
    assert (ours.tzinfo is None) == (theirs.tzinfo is None)
    assert ours == theirs
    if ours.tzinfo is not None:
        assert ours.utcoffset() == theirs.utcoffset()


def test_unreadable_text_fails_as_botocore_fails() -> None:
    with pytest.raises(ValueError):
        parse_timestamp("not a time")


def test_epoch_seconds_are_utc() -> None:
    assert parse_timestamp(0) == datetime(1970, 1, 1, tzinfo=UTC)


async def _parser_of(session: aioboto3.Session) -> object:
    async with session.client("sts", endpoint_url="http://127.0.0.1:9") as client:
        factory = client._endpoint._response_parser_factory
        return factory.create_parser("query")._timestamp_parser


def test_only_the_run_sessions_use_it() -> None:
    run, other = aioboto3.Session(**ARGS), aioboto3.Session(**ARGS)
    share_models(run)
    assert asyncio.run(_parser_of(run)) is parse_timestamp
    plain = other._session.get_component("response_parser_factory").create_parser("query")
    assert plain._timestamp_parser is botocore_parse_timestamp
