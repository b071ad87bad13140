"""Amazon S3: buckets with their security settings, and the account's public access block.

Per account: one ListBuckets (its BucketRegion answers the region; GetBucketLocation only where
it is missing) and one S3 Control GetPublicAccessBlock. Per bucket in the scope's regions, the
detail calls run concurrently as soon as the bucket's region is known: versioning, encryption,
public access block, policy, policy status (only when a policy exists), ACL, ownership controls,
logging, lifecycle, replication, Object Lock and event notifications: 11 or 12 calls a bucket,
fewer when fewer columns are asked for (``collect(columns={"s3.buckets": [...]})``). "Not configured"
answers become typed defaults here, not errors.
"""

from ..discover import export_tables

export_tables(__name__, globals())
