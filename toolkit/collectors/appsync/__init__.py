"""AWS AppSync: GraphQL APIs, with their authentication modes and field-level logging.

Per account and region: ListGraphqlApis, paged (it answers each API's authentication types,
log configuration and visibility; no per-API call).
"""

from ..discover import export_tables

export_tables(__name__, globals())
