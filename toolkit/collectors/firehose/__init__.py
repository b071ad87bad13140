"""Amazon Data Firehose: delivery streams, with their server-side encryption.

Per account and region: ListDeliveryStreams, followed page by page (it has no paginator; it
answers names only). Then per stream, DescribeDeliveryStream: 1 call a stream, none when only
the name and ARN are asked for. A stream deleted between the two calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
