"""Amazon SQS: queues, with their encryption at rest and access policy.

Per account and region: ListQueues, paged at 1,000 queue URLs a page (it answers URLs only).
Then per queue, GetQueueAttributes with ``All``: 1 call a queue, none when only the name, URL
and ARN are asked for. A queue deleted between the two calls has no row. Whether the access
policy lets anyone in is judged by the checks (policyuniverse), not here.
"""

from ..discover import export_tables

export_tables(__name__, globals())
