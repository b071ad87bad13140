"""moto's S3 answers completed where AWS says more (hooked into ``rewrites.REWRITES``):

- s3 GetBucketNotificationConfiguration: a bucket that sends its events to Amazon EventBridge
  has an ``<EventBridgeConfiguration/>`` element in AWS's answer; moto keeps the setting (it
  even delivers to EventBridge) but leaves the element out.
- s3 ListBuckets: each bucket's ``BucketRegion``, as AWS has answered since 2024 (moto leaves it
  out, so a client would ask GetBucketLocation for every bucket).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote
from xml.sax.saxutils import unescape

from .protocols import RequestInfo

EVENTBRIDGE = b"<EventBridgeConfiguration/>"
CLOSING = b"</NotificationConfiguration>"


def _eventbridge_notifications(info: RequestInfo, account: str, body: bytes) -> bytes:
    """Add the EventBridge element when moto holds the bucket's EventBridge setting."""
    from moto.s3.models import s3_backends

    name = unquote(info.path.strip("/").split("/", 1)[0])
    bucket = s3_backends[account]["aws"].buckets.get(name)
    if bucket is None or getattr(bucket, "notification_configuration", None) is None:
        return body
    if bucket.notification_configuration.event_bridge is None or EVENTBRIDGE in body:
        return body
    if CLOSING in body:
        return body.replace(CLOSING, EVENTBRIDGE + CLOSING, 1)
    # an empty answer (no topic, queue or function): AWS still names EventBridge
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<NotificationConfiguration '
        b'xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' + EVENTBRIDGE + CLOSING
    )


def _bucket_regions(info: RequestInfo, account: str, body: bytes) -> bytes:
    """Add ``<BucketRegion>`` after each listed bucket's name, from the bucket moto holds."""
    from moto.s3.models import s3_backends

    buckets = s3_backends[account]["aws"].buckets

    def complete(match: re.Match[bytes]) -> bytes:
        if b"<BucketRegion>" in match.group(0):
            return match.group(0)
        held = buckets.get(unescape(match.group(1).decode()))
        if held is None:
            return match.group(0)
        return match.group(0).replace(
            b"</Name>", b"</Name><BucketRegion>" + held.region_name.encode() + b"</BucketRegion>", 1
        )

    return re.sub(rb"<Bucket><Name>([^<]*)</Name>.*?</Bucket>", complete, body, flags=re.S)


#: Operation ("service.Operation") -> its rewrite of moto's successful answer body.
REWRITES: dict[str, Callable[[RequestInfo, str, bytes], bytes]] = {
    "s3.GetBucketNotificationConfiguration": _eventbridge_notifications,
    "s3.ListBuckets": _bucket_regions,
}
