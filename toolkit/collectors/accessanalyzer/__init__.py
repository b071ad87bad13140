"""IAM Access Analyzer: the analyzers of each account and region.

Per account and region: ListAnalyzers, 1 a page (all types at once: external access, unused
access and internal access analyzers, with the account or the organization as zone of trust).
An organization analyzer is listed only in the account that holds it (the management account or
a delegated administrator); the accounts it covers list nothing of it.
"""

from ..discover import export_tables

export_tables(__name__, globals())
