from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import FUNCTION, lambda_functions

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Lambda function URL does not require authentication",
    severity="high",
    service="lambda",
    resource_type=FUNCTION,
    tables=["lambda.functions"],
    description="The function has a function URL with auth type NONE: anyone on the internet "
    "can invoke it over HTTPS without AWS credentials.",
    risk="Anyone who finds the URL runs the function with its execution role's permissions, and "
    "can run up its cost.",
    remediation="Set the function URL's auth type to AWS_IAM (or delete the URL and put the "
    "function behind API Gateway with an authorizer).",
    remediation_cli="aws lambda update-function-url-config --region {region} --function-name "
    "{resource_id} --auth-type AWS_IAM",
)
def lambda_function_url_without_auth(inv: Inventory) -> pd.DataFrame:
    f = inv["lambda.functions"]
    open_url = (f["url_auth_type"] == "NONE").fillna(False)
    detail = ("URL " + f["url"] + " auth " + f["url_auth_type"]).fillna("no function URL")
    return lambda_functions(f, open_url, detail)
