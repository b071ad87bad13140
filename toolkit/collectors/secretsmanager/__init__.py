"""AWS Secrets Manager: secrets, with their rotation, use and encryption key.

Per account and region: ListSecrets, paged at 100 secrets a page; it answers everything the
table holds (rotation, its rules, the dates last rotated, changed and accessed, the KMS key),
so 1 call a page and none per secret. Secrets scheduled for deletion are not listed (AWS's
default). Secret values are never read.
"""

from ..discover import export_tables

export_tables(__name__, globals())
