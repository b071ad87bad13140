"""Amazon EMR: the account's block public access setting in each region.

Per account and region: one GetBlockPublicAccessConfiguration.
"""

from ..discover import export_tables

export_tables(__name__, globals())
