from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import GRAPHQL_API, appsync_apis

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="AppSync GraphQL API is authenticated with API keys",
    severity="high",
    service="appsync",
    resource_type=GRAPHQL_API,
    tables=["appsync.graphql_apis"],
    description="The GraphQL API accepts API keys (API_KEY as its primary or an additional "
    "authentication type), as FSBP AppSync.5 evaluates it with its default parameter "
    "AllowedAuthorizationTypes: AWS_LAMBDA, AWS_IAM, OPENID_CONNECT and "
    "AMAZON_COGNITO_USER_POOLS (AWS Config rule appsync-authorization-check).",
    risk="An API key is a long-lived shared secret that names no caller: whoever copies it from "
    "a client calls the API, and nothing ties a call to a person.",
    remediation="Authenticate callers with IAM, Amazon Cognito user pools, OpenID Connect or a "
    "Lambda authorizer, then remove API_KEY from the API's authentication types and delete its "
    "keys.",
    remediation_cli="aws appsync update-graphql-api --region {region} --api-id API_ID --name "
    "{resource_id} --authentication-type AWS_IAM",
)
def appsync_api_key_authentication(inv: Inventory) -> pd.DataFrame:
    a = inv["appsync.graphql_apis"]
    kinds = a["authentication_types"].astype("string").fillna("[]").map(json.loads)
    api_key = kinds.map(lambda k: "API_KEY" in k).astype(bool)
    listed = kinds.map(", ".join)
    detail = ("authenticated with " + listed).where(
        ~api_key, "accepts API keys (authentication types: " + listed + ")"
    )
    return appsync_apis(a, api_key, detail)
