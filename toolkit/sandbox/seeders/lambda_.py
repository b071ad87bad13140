"""AWS Lambda: functions (each a one-line Python handler) with their URLs and resource policies.

Seeded last in each account: a function runs as a role IAM made.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

LAMBDA_FUNCTION = {
    "name": str,
    "region": str,
    "runtime": str,
    "role": str,
    "url_auth": str,
    "public_policy": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"lambda_functions": [LAMBDA_FUNCTION]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"lambda_functions": "name"}


@dataclass
class LambdaTruth:
    lambda_functions: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's functions, with a function URL and a public policy where asked."""
    for function in spec.get("lambda_functions", []):
        region = function.get("region", seeder.regions[0])
        client = seeder.client(session, "lambda", region)
        created = client.create_function(
            FunctionName=function["name"],
            Runtime=function.get("runtime", "python3.12"),
            Role=f"arn:aws:iam::{account_id}:role/{function['role']}",
            Handler="app.handler",
            Code={"ZipFile": _zip("def handler(event, context):\n    return {}\n")},
        )
        url_auth = function.get("url_auth")
        if url_auth:
            client.create_function_url_config(FunctionName=function["name"], AuthType=url_auth)
        if function.get("public_policy"):
            client.add_permission(
                FunctionName=function["name"],
                StatementId="public-invoke",
                Action="lambda:InvokeFunction",
                Principal="*",
            )
        seeder.truth.lambda_functions.append(
            {
                "account_id": account_id,
                "region": region,
                "name": function["name"],
                "arn": created["FunctionArn"],
                "runtime": function.get("runtime", "python3.12"),
                "url_auth": url_auth,
                "public_policy": bool(function.get("public_policy")),
            }
        )
        seeder.plant(
            function.get("planted"), account_id, region, function["name"], "lambda_function"
        )


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()
