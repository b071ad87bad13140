"""Amazon Kinesis Data Streams: streams, with their encryption at rest and retention period.

Per account and region: ListStreams, paged (its StreamSummaries answer name, ARN, status, mode
and creation time). Then per stream, DescribeStreamSummary: 1 call a stream, none when only the
list's columns are asked for. A stream deleted between the two calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
