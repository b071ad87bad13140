"""Amazon Inspector: which scan types (EC2, ECR, Lambda standard, Lambda code) each account
has on in each region.

Per account and region: BatchGetAccountStatus, once, for the account itself.
"""

from ..discover import export_tables

export_tables(__name__, globals())
