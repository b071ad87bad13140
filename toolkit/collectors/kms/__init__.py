"""AWS KMS: keys with their aliases, rotation and key policy.

Per account and region: ListKeys and ListAliases, once each, paged at 1,000 and 100 items a page.
Then per key, run concurrently: DescribeKey and GetKeyPolicy (the ``default`` policy, the only
name KMS has), plus GetKeyRotationStatus for customer managed symmetric keys with KMS key
material (the only keys whose automatic rotation a customer sets): 2 or 3 calls a key, fewer
when fewer columns are asked for. AWS managed keys (aws/s3, aws/ebs, ...) are listed by ListKeys
and have rows too.
"""

from ..discover import export_tables

export_tables(__name__, globals())
