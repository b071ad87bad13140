"""Amazon ECS: clusters (with Container Insights) and task definitions (the containers' security
settings: privileged, read-only root file system, user, environment variable names, logging).

Per account and region: ListClusters, paged at 100 ARNs a page, then DescribeClusters with the
cluster settings, 100 clusters a call. ListTaskDefinitions of the ACTIVE revisions, paged at 100
ARNs a page, then per revision DescribeTaskDefinition: 1 call a revision, none when only the
family, revision and ARN are asked for. A revision deregistered between the two calls has no
row. Environment variable values are never read into the inventory: only their names.
"""

from ..discover import export_tables

export_tables(__name__, globals())
