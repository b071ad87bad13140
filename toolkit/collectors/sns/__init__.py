"""Amazon SNS: topics, with their encryption, policy and subscription counts, and every
subscription, confirmed or pending.

Per account and region: ListTopics (100 topics a page, AWS's fixed size) and then per topic
GetTopicAttributes, 1 call a topic, none when no hydrated column is asked for; ListSubscriptions
(100 a page) once for the region. A subscription still waiting for its endpoint to confirm is
listed by AWS with SubscriptionArn "PendingConfirmation": that is how ``confirmed`` is told
without a call per subscription.
"""

from ..discover import export_tables

export_tables(__name__, globals())
