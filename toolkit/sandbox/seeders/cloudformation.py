"""AWS CloudFormation: stacks deployed with or without a service role and termination
protection.

A stack's template holds one AWS::CloudFormation::WaitConditionHandle, a resource that makes
nothing in any other service, so that no other table sees what a stack seeds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: The smallest template: one resource that creates nothing anywhere else.
TEMPLATE = json.dumps(
    {"Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}
)
CLOUDFORMATION_STACK = {
    "name": str,
    "region": str,
    #: The name of the role (in the same account) CloudFormation deploys with; none by default.
    "service_role": str,
    "termination_protection": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"cloudformation_stacks": [CLOUDFORMATION_STACK]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"cloudformation_stacks": "arn"}


@dataclass
class CloudFormationTruth:
    cloudformation_stacks: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's stacks, each with its service role and termination protection."""
    for stack in spec.get("cloudformation_stacks", []):
        region = stack.get("region", seeder.regions[0])
        cloudformation = seeder.client(session, "cloudformation", region)
        name = stack["name"]
        role = stack.get("service_role")
        role_arn = f"arn:aws:iam::{account_id}:role/{role}" if role else None
        protected = bool(stack.get("termination_protection", False))
        params: dict[str, Any] = {
            "StackName": name,
            "TemplateBody": TEMPLATE,
            "EnableTerminationProtection": protected,
        }
        if role_arn:
            params["RoleARN"] = role_arn
        arn = cloudformation.create_stack(**params)["StackId"]
        seeder.truth.cloudformation_stacks.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": arn,
                "role_arn": role_arn,
                "termination_protection": protected,
            }
        )
        seeder.plant(stack.get("planted"), account_id, region, name, "cloudformation_stack")
