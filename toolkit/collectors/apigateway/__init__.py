"""Amazon API Gateway REST APIs: the stages they are deployed to, with their execution logging,
tracing, cache encryption, client certificate and web ACL.

Per account and region: GetRestApis, paged at 500 APIs a page, then GetStages once per API (it
answers every stage of the API with its settings). Both are IAM action ``apigateway:GET``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
