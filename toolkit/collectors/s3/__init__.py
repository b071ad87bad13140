"""Amazon S3: buckets with their security settings and their data protection, and the
account's public access block.

Per account: one ListBuckets, shared by both bucket tables (its BucketRegion answers the
region; GetBucketLocation, once a bucket, only where it is missing) and one S3 Control
GetPublicAccessBlock. Per bucket in the scope's regions, the detail calls run concurrently as
soon as the bucket's region is known. ``s3.buckets``: versioning, encryption, public access
block, policy, policy status (only when a policy exists), ACL, ownership controls and logging:
7 or 8 calls a bucket. ``s3.bucket_data_protection``: lifecycle, replication, Object Lock and
event notifications: 4 calls a bucket. Fewer when fewer columns are asked for
(``collect(columns={"s3.buckets": [...]})``). "Not configured" answers become typed defaults
here, not errors.
"""

from ..discover import export_tables

export_tables(__name__, globals())
