"""Amazon SageMaker AI: notebook instances in a subnet of the account's VPC or in SageMaker's
own (with direct internet access and root access as the estate says, AWS's defaults "Enabled"
otherwise), models with network isolation or not, and endpoint configurations whose production
variant starts with one instance or more.

Seeded in each account's last steps (after EC2 and KMS: a notebook instance names a subnet and
security groups of a VPC of the account, and a key by its alias). Each names an execution role
by ARN, ``arn:aws:iam::ACCOUNT:role/<role>``; SageMaker's create calls do not look the role up
(the sandbox does not either), so the estate needs no IAM role for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: A subnet and security groups of a VPC of the account, by name.
PLACEMENT = {"vpc": str, "subnets": [str], "security_groups": [str]}
NOTEBOOK_INSTANCE = {
    "name": str,
    "region": str,
    "instance_type": str,
    "role": str,
    "vpc": PLACEMENT,
    #: Both default to AWS's "Enabled".
    "direct_internet_access": bool,
    "root_access": bool,
    "kms_key": str,
    "planted": PLANTED,
}
MODEL = {
    "name": str,
    "region": str,
    "role": str,
    "image": str,
    "network_isolation": bool,
    "vpc": PLACEMENT,
    "planted": PLANTED,
}
ENDPOINT_CONFIG = {
    "name": str,
    "region": str,
    #: The model (of the same account and region) its one production variant serves.
    "model": str,
    "instance_type": str,
    "instance_count": int,
    "kms_key": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "sagemaker_notebook_instances": [NOTEBOOK_INSTANCE],
    "sagemaker_models": [MODEL],
    "sagemaker_endpoint_configs": [ENDPOINT_CONFIG],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {
    "sagemaker_notebook_instances": "arn",
    "sagemaker_models": "arn",
    "sagemaker_endpoint_configs": "arn",
}
DEFAULT_ROLE = "SageMakerExecution"


@dataclass
class SageMakerTruth:
    sagemaker_notebook_instances: list[dict[str, Any]] = field(default_factory=list)
    sagemaker_models: list[dict[str, Any]] = field(default_factory=list)
    sagemaker_endpoint_configs: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's notebook instances, then its models, then the endpoint configurations that
    serve them."""
    for notebook in spec.get("sagemaker_notebook_instances", []):
        _notebook(seeder, session, account_id, notebook)
    for model in spec.get("sagemaker_models", []):
        _model(seeder, session, account_id, model)
    for config in spec.get("sagemaker_endpoint_configs", []):
        _endpoint_config(seeder, session, account_id, config)


def _enabled(flag: bool | None) -> str:
    return "Disabled" if flag is False else "Enabled"


def _role(account_id: str, spec: dict[str, Any]) -> str:
    return f"arn:aws:iam::{account_id}:role/{spec.get('role', DEFAULT_ROLE)}"


def _notebook(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    options: dict[str, Any] = {
        "DirectInternetAccess": _enabled(spec.get("direct_internet_access")),
    }
    if "root_access" in spec:
        options["RootAccess"] = _enabled(spec["root_access"])
    if spec.get("kms_key"):
        options["KmsKeyId"] = kms.key_arns(seeder, account_id)[spec["kms_key"]]
    subnets, groups = _placement(seeder, account_id, region, spec.get("vpc"))
    if subnets:
        options["SubnetId"] = subnets[0]
        options["SecurityGroupIds"] = groups
    made = seeder.client(session, "sagemaker", region).create_notebook_instance(
        NotebookInstanceName=spec["name"],
        InstanceType=spec.get("instance_type", "ml.t3.medium"),
        RoleArn=_role(account_id, spec),
        **options,
    )
    seeder.truth.sagemaker_notebook_instances.append(
        {
            "account_id": account_id,
            "region": region,
            "name": spec["name"],
            "arn": made["NotebookInstanceArn"],
            "subnet_id": options.get("SubnetId"),
            "security_groups": sorted(groups),
            "direct_internet_access": spec.get("direct_internet_access", True),
            "root_access": spec.get("root_access", True),
            "kms_key_id": options.get("KmsKeyId"),
        }
    )
    seeder.plant(
        spec.get("planted"), account_id, region, spec["name"], "sagemaker_notebook_instance"
    )


def _model(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    image = spec.get("image", f"{account_id}.dkr.ecr.{region}.amazonaws.com/{spec['name']}:1")
    options: dict[str, Any] = {}
    subnets, groups = _placement(seeder, account_id, region, spec.get("vpc"))
    if subnets:
        options["VpcConfig"] = {"Subnets": subnets, "SecurityGroupIds": groups}
    made = seeder.client(session, "sagemaker", region).create_model(
        ModelName=spec["name"],
        ExecutionRoleArn=_role(account_id, spec),
        PrimaryContainer={"Image": image},
        EnableNetworkIsolation=bool(spec.get("network_isolation")),
        **options,
    )
    seeder.truth.sagemaker_models.append(
        {
            "account_id": account_id,
            "region": region,
            "name": spec["name"],
            "arn": made["ModelArn"],
            "image": image,
            "network_isolation": bool(spec.get("network_isolation")),
            "vpc_subnet_ids": sorted(subnets),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, spec["name"], "sagemaker_model")


def _endpoint_config(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    options: dict[str, Any] = {}
    if spec.get("kms_key"):
        options["KmsKeyId"] = kms.key_arns(seeder, account_id)[spec["kms_key"]]
    count = spec.get("instance_count", 1)
    made = seeder.client(session, "sagemaker", region).create_endpoint_config(
        EndpointConfigName=spec["name"],
        ProductionVariants=[
            {
                "VariantName": "primary",
                "ModelName": spec["model"],
                "InitialInstanceCount": count,
                "InstanceType": spec.get("instance_type", "ml.m5.large"),
            }
        ],
        **options,
    )
    seeder.truth.sagemaker_endpoint_configs.append(
        {
            "account_id": account_id,
            "region": region,
            "name": spec["name"],
            "arn": made["EndpointConfigArn"],
            "instance_count": count,
            "kms_key_id": options.get("KmsKeyId"),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, spec["name"], "sagemaker_endpoint_config")


def _placement(
    seeder: Seeder, account_id: str, region: str, spec: dict[str, Any] | None
) -> tuple[list[str], list[str]]:
    """The ids of the subnets and security groups ``spec`` names, in the VPC it names."""
    if not spec:
        return [], []
    vpc = next(
        v
        for v in seeder.truth.vpcs
        if (v["account_id"], v["region"], v["name"]) == (account_id, region, spec["vpc"])
    )
    subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
    groups = {g["name"]: g["id"] for g in vpc["security_groups"]}
    return (
        [subnets[name] for name in spec.get("subnets", [])],
        [groups[name] for name in spec.get("security_groups", [])],
    )
