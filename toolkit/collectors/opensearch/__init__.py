"""Amazon OpenSearch Service: domains (OpenSearch and Elasticsearch engines), with their
encryption at rest and between nodes, HTTPS and TLS policy, VPC or public endpoint, fine-grained
access control, audit and error logging and data node count.

Per account and region: ListDomainNames (one call, not paged), then DescribeDomains for up to 5
names a call: 1 + ceil(domains / 5) calls a region, and only the first when only the domain names
are asked for.
"""

from ..discover import export_tables

export_tables(__name__, globals())
