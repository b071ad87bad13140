"""Amazon ECR: private repositories with or without scan on push, immutable tags, a lifecycle
policy and a repository policy (pull for the organization, or for anyone), encrypted with keys
ECR owns (the default) or a KMS key of the account.

Seeded after KMS (a repository names a customer managed key by its alias).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ECR_REPOSITORY = {
    "name": str,
    "region": str,
    "scan_on_push": bool,
    "immutable_tags": bool,
    #: Expire untagged images after this many days (a one-rule lifecycle policy).
    "expire_untagged_days": int,
    #: "aes256" (the default: keys ECR owns), "aws-managed" (aws/ecr) or an alias of the account.
    "encryption": str,
    #: Who may pull: "organization" (Principal * with aws:PrincipalOrgID) or "public"
    #: (Principal *, no condition); no policy without it.
    "pull": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"ecr_repositories": [ECR_REPOSITORY]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"ecr_repositories": "arn"}
PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]


@dataclass
class EcrTruth:
    ecr_repositories: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's repositories, then their lifecycle and repository policies."""
    for repository in spec.get("ecr_repositories", []):
        region = repository.get("region", seeder.regions[0])
        ecr = seeder.client(session, "ecr", region)
        encryption = repository.get("encryption", "aes256")
        key_arn = None
        setting: dict[str, Any] = {"encryptionType": "AES256"}
        if encryption == "aws-managed":
            setting = {"encryptionType": "KMS"}
        elif encryption != "aes256":
            key_arn = kms.key_arns(seeder, account_id)[encryption]
            setting = {"encryptionType": "KMS", "kmsKey": key_arn}
        name = repository["name"]
        made = ecr.create_repository(
            repositoryName=name,
            imageTagMutability="IMMUTABLE" if repository.get("immutable_tags") else "MUTABLE",
            imageScanningConfiguration={"scanOnPush": bool(repository.get("scan_on_push"))},
            encryptionConfiguration=setting,
        )["repository"]
        days = repository.get("expire_untagged_days")
        if days:
            ecr.put_lifecycle_policy(
                repositoryName=name, lifecyclePolicyText=json.dumps(_lifecycle(days))
            )
        pull = repository.get("pull")
        if pull:
            document = _pull_policy(pull, seeder.truth.organization_id)
            ecr.set_repository_policy(repositoryName=name, policyText=json.dumps(document))
        seeder.truth.ecr_repositories.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": made["repositoryArn"],
                "scan_on_push": bool(repository.get("scan_on_push")),
                "immutable_tags": bool(repository.get("immutable_tags")),
                "expire_untagged_days": days,
                "encryption": encryption,
                "kms_key_arn": key_arn,
                "pull": pull,
            }
        )
        seeder.plant(repository.get("planted"), account_id, region, name, "ecr_repository")


def _lifecycle(days: int) -> dict[str, Any]:
    return {
        "rules": [
            {
                "rulePriority": 1,
                "description": f"Expire untagged images after {days} days",
                "selection": {
                    "tagStatus": "untagged",
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": days,
                },
                "action": {"type": "expire"},
            }
        ]
    }


def _pull_policy(pull: str, organization_id: str) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Sid": f"pull-{pull}",
        "Effect": "Allow",
        "Principal": "*",
        "Action": PULL_ACTIONS,
    }
    if pull == "organization":
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": organization_id}}
    elif pull != "public":
        raise ValueError(f"unknown ECR pull {pull!r}: organization or public")
    return {"Version": "2012-10-17", "Statement": [statement]}
