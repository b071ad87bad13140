"""Amazon API Gateway HTTP and WebSocket APIs (API Gateway V2): the stages they are deployed
to, with their access logging and, for WebSocket APIs, execution logging.

Per account and region: GetApis, paged at 500 APIs a page, then GetStages once per API, paged
likewise (it answers every stage with its settings). Both are IAM action ``apigateway:GET``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
