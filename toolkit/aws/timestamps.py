"""Timestamps in AWS answers, parsed without dateutil where their format allows.

botocore parses every timestamp of every answer with dateutil's general parser: about 30 us
each, against about 1.3 us for ``datetime.fromisoformat`` (2 cores, botocore 1.40). On the demo
estate that is 20 ms of a run, but an answer can hold thousands of timestamps (a page of 1,000
instances with their launch and attachment times), and then parsing them costs more than the
call itself. AWS writes ISO 8601 (``2026-11-30T15:02:45.123Z``) in XML and REST answers and
epoch seconds in JSON ones: those are parsed here, anything else (RFC 822 dates in headers,
epoch seconds as text, ...) by botocore's own parser, so nothing it reads is lost.

The results equal botocore's (the same instant; naive where the text names no zone, as
dateutil leaves it); the zone is ``dateutil.tz.tzutc()`` where botocore may say ``tzlocal()``
(on a machine whose local zone is UTC, for "Z" and for epoch seconds).

Only the run's sessions use it (``use_fast_timestamps``, through the response parser factory
botocore offers for this: ``ResponseParserFactory.set_parser_defaults``); any other session of
the process, a notebook's own boto3 clients included, parses as botocore does.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from botocore.utils import parse_timestamp as botocore_parse_timestamp
from dateutil.tz import tzoffset, tzutc

UTC = tzutc()
#: What AWS writes: seconds, up to six digits of fraction, then Z, an offset or nothing.
ISO_8601 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(Z|[+-]\d\d:\d\d)?")


def parse_timestamp(value: Any) -> datetime:
    """A timestamp of an AWS answer as a datetime; botocore's parser for unusual formats."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return botocore_parse_timestamp(value)
    if isinstance(value, str):
        match = ISO_8601.fullmatch(value)
        if match:
            zone = match.group(1)
            if zone == "Z":
                return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
            parsed = datetime.fromisoformat(value)
            offset = parsed.utcoffset()
            if offset is None:
                return parsed
            seconds = int(offset.total_seconds())
            return parsed.replace(tzinfo=tzoffset(None, seconds) if seconds else UTC)
    return botocore_parse_timestamp(value)


def use_fast_timestamps(session: Any) -> None:
    """Make this aioboto3 session's clients parse timestamps with ``parse_timestamp``."""
    factory = session._session.get_component("response_parser_factory")
    factory.set_parser_defaults(timestamp_parser=parse_timestamp)
