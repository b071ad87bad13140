"""Amazon ECR: private repositories, with scan on push, tag immutability, encryption at rest,
lifecycle policy and repository policy.

Per account and region: DescribeRepositories, paged at 1,000 repositories a page (it answers
scanning, tag mutability and encryption). Then per repository, run concurrently:
GetLifecyclePolicy and GetRepositoryPolicy: 2 calls a repository, none when only the
repository's own columns are asked for. A repository deleted between the list and its policy
calls has no row. Whether the repository policy lets anyone in is judged by the checks
(policyuniverse), not here.
"""

from ..discover import export_tables

export_tables(__name__, globals())
