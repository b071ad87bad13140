"""SNS subscriptions that wait for confirmation, as AWS keeps them (moto confirms every one).

In AWS an email, email-json, http or https subscription stays pending until its endpoint's owner
confirms it (a link in a mail, a request to the URL); SQS, Lambda and the others of the same
account are confirmed at once. moto confirms all of them at once and always counts 0 confirmed
and 0 pending on the topic. Nothing in the sandbox can confirm (no mail or request is delivered),
so a subscription is pending here exactly when its protocol needs confirmation. The middleware
hands moto's successful answers to these rewrites (``rewrites.REWRITES``):

- ListSubscriptions, ListSubscriptionsByTopic: a pending subscription's SubscriptionArn is
  ``PendingConfirmation``;
- Subscribe: answers ``pending confirmation`` for one, unless ReturnSubscriptionArn is true;
- GetSubscriptionAttributes: PendingConfirmation ``true``, ConfirmationWasAuthenticated ``false``;
- GetTopicAttributes: SubscriptionsConfirmed and SubscriptionsPending counted from the topic's
  subscriptions.
"""

from __future__ import annotations

import re
from typing import Any

from .protocols import RequestInfo

#: Protocols whose subscriptions AWS confirms only when the endpoint's owner answers.
NEEDS_CONFIRMATION = ("email", "email-json", "http", "https")


def is_pending(subscription: Any) -> bool:
    """Whether AWS would still list this moto subscription as pending confirmation."""
    return subscription.protocol in NEEDS_CONFIRMATION and not subscription.confirmed


def _held(arn: str) -> Any:
    """moto's subscription with this ARN (arn:aws:sns:REGION:ACCOUNT:TOPIC:ID), or None."""
    from moto.sns.models import sns_backends

    parts = arn.split(":")
    if len(parts) < 7:
        return None
    return sns_backends[parts[4]][parts[3]].subscriptions.get(arn)


def _topic_subscriptions(topic_arn: str) -> list[Any]:
    from moto.sns.models import sns_backends

    parts = topic_arn.split(":")
    if len(parts) < 6:
        return []
    held = sns_backends[parts[4]][parts[3]].subscriptions.values()
    return [s for s in held if s.topic.arn == topic_arn]


def _pending_arn(match: re.Match[str], replacement: str) -> str:
    held = _held(match.group(1))
    if held is not None and is_pending(held):
        return f"<SubscriptionArn>{replacement}</SubscriptionArn>"
    return match.group(0)


def listed(info: RequestInfo, account: str, body: bytes) -> bytes:
    text = re.sub(
        r"<SubscriptionArn>([^<]+)</SubscriptionArn>",
        lambda m: _pending_arn(m, "PendingConfirmation"),
        body.decode(),
    )
    return text.encode()


def subscribed(info: RequestInfo, account: str, body: bytes) -> bytes:
    if str(info.params.get("ReturnSubscriptionArn", "")).lower() == "true":
        return body
    text = re.sub(
        r"<SubscriptionArn>([^<]+)</SubscriptionArn>",
        lambda m: _pending_arn(m, "pending confirmation"),
        body.decode(),
    )
    return text.encode()


def _set_entry(text: str, key: str, value: str) -> str:
    pattern = rf"<entry><key>{key}</key>(<value>[^<]*</value>|<value/>)</entry>"
    return re.sub(pattern, f"<entry><key>{key}</key><value>{value}</value></entry>", text)


def subscription_attributes(info: RequestInfo, account: str, body: bytes) -> bytes:
    held = _held(info.params.get("SubscriptionArn", ""))
    if held is None or not is_pending(held):
        return body
    text = _set_entry(body.decode(), "PendingConfirmation", "true")
    return _set_entry(text, "ConfirmationWasAuthenticated", "false").encode()


def topic_attributes(info: RequestInfo, account: str, body: bytes) -> bytes:
    held = _topic_subscriptions(info.params.get("TopicArn", ""))
    pending = sum(1 for s in held if is_pending(s))
    text = _set_entry(body.decode(), "SubscriptionsPending", str(pending))
    return _set_entry(text, "SubscriptionsConfirmed", str(len(held) - pending)).encode()
