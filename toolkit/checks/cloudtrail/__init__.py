"""CloudTrail checks: the controls of CIS AWS Foundations v3.0.0 section 3 (logging) that the
inventory decides, and trail hygiene beyond it.

CIS 3.1 (CloudTrail on in every region), 3.8 and 3.9 (S3 object-level logging) are judged per
account: one row per account of the inventory (region ``global``, resource id the account id).
A trail counts for them when it is multi-region and logging; an organization trail counts for
every account of the organization. An account whose trails could not be read, and that no trail
read elsewhere covers, gets no row: the runner reports the gap as ERROR, not a FAIL nobody saw.
Per-trail checks name the trail by its ARN. The trail-bucket checks (CIS 3.4, and the bucket
exposure check that was CIS 3.3 up to v2.0) name the bucket, for buckets in the inventory.
"""
