"""AWS Lambda: functions (each a one-line Python handler) with their URLs and resource policies,
attached to a VPC or not, their environment encrypted with a KMS key of the account or not.

Seeded last in each account: a function runs as a role IAM made, in subnets and security groups
of a VPC EC2 made, with a key KMS made.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
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
    #: The VPC of the account (by name) and its subnets and security groups the function uses.
    "vpc": {"name": str, "subnets": [str], "security_groups": [str]},
    #: The alias of the account's KMS key that encrypts the function's environment.
    "kms_key": str,
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
        options: dict[str, Any] = {}
        vpc = _vpc(seeder, account_id, region, function.get("vpc"))
        if vpc:
            options["VpcConfig"] = {
                "SubnetIds": vpc["subnet_ids"],
                "SecurityGroupIds": vpc["security_group_ids"],
            }
        if function.get("kms_key"):
            options["KMSKeyArn"] = kms.key_arns(seeder, account_id)[function["kms_key"]]
        created = client.create_function(
            FunctionName=function["name"],
            Runtime=function.get("runtime", "python3.12"),
            Role=f"arn:aws:iam::{account_id}:role/{function['role']}",
            Handler="app.handler",
            Code={"ZipFile": _zip("def handler(event, context):\n    return {}\n")},
            **options,
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
                "vpc_id": vpc["id"] if vpc else None,
                "subnet_ids": sorted(vpc["subnet_ids"]) if vpc else [],
                "security_group_ids": sorted(vpc["security_group_ids"]) if vpc else [],
                "kms_key_arn": options.get("KMSKeyArn"),
            }
        )
        seeder.plant(
            function.get("planted"), account_id, region, function["name"], "lambda_function"
        )


def _vpc(
    seeder: Seeder, account_id: str, region: str, spec: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The VPC ``spec`` names (its id, and the ids of the subnets and groups it names)."""
    if not spec:
        return None
    vpc = next(
        v
        for v in seeder.truth.vpcs
        if (v["account_id"], v["region"], v["name"]) == (account_id, region, spec["name"])
    )
    subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
    groups = {g["name"]: g["id"] for g in vpc["security_groups"]}
    return {
        "id": vpc["id"],
        "subnet_ids": [subnets[name] for name in spec.get("subnets", [])],
        "security_group_ids": [groups[name] for name in spec.get("security_groups", [])],
    }


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()
