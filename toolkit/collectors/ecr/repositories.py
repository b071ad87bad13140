"""``ecr.repositories``: every private ECR repository, with scan on push, tag immutability,
encryption at rest, lifecycle policy and repository policy.

DescribeRepositories answers the repository's own settings; its lifecycle policy and its
repository policy are per-repository hydrates (GetLifecyclePolicy, GetRepositoryPolicy), so
that ``collect(columns=...)`` skips the calls it does not need. Either policy may be absent: AWS
then answers LifecyclePolicyNotFoundException or RepositoryPolicyNotFoundException, which is a
null cell, not an error.
"""

from __future__ import annotations

import json
from typing import Any

from ...aws.errors import error_code
from ...policies import to_json
from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "ecr"
PAGE = {"PaginationConfig": {"PageSize": 1000}}
#: A repository deleted between the list and its policy calls is gone: no row.
GONE = ("RepositoryNotFoundException",)


async def list_repositories(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_repositories", "repositories", **PAGE)
    rows = []
    for repository in found:
        scanning = repository.get("imageScanningConfiguration") or {}
        encryption = repository.get("encryptionConfiguration") or {}
        rows.append(
            {
                "repository_name": repository["repositoryName"],
                "arn": repository["repositoryArn"],
                "registry_id": repository.get("registryId"),
                "repository_uri": repository.get("repositoryUri"),
                "created_at": repository.get("createdAt"),
                "image_tag_mutability": repository.get("imageTagMutability"),
                "scan_on_push": bool(scanning.get("scanOnPush")),
                # AES256 (keys ECR owns) is what AWS applies when none was chosen.
                "encryption_type": encryption.get("encryptionType") or "AES256",
                "kms_key": encryption.get("kmsKey"),
            }
        )
    return rows


async def _policy(
    ctx: TableContext, item: dict[str, Any], operation: str, absent: str
) -> dict[str, Any] | None:
    """The answer, ``{}`` when the repository has no such policy (``absent``), ``None`` when
    the repository is gone."""
    client = await ctx.client(SERVICE)
    try:
        answer = await ctx.aws.call(
            client,
            operation,
            registryId=item["registry_id"],
            repositoryName=item["repository_name"],
        )
    except Exception as exc:
        code = error_code(exc)
        if code in GONE:
            return None
        if code == absent:
            return {}
        raise
    return answer


async def lifecycle(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    answer = await _policy(
        ctx,
        item,
        "get_lifecycle_policy",
        "LifecyclePolicyNotFoundException",
    )
    if answer is None:
        return None
    text = answer.get("lifecyclePolicyText")
    if not text:
        return {"lifecycle_policy": None, "lifecycle_rule_count": 0}
    return {
        "lifecycle_policy": to_json(text),
        "lifecycle_rule_count": len(json.loads(text).get("rules") or []),
    }


async def repository_policy(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    answer = await _policy(
        ctx,
        item,
        "get_repository_policy",
        "RepositoryPolicyNotFoundException",
    )
    if answer is None:
        return None
    text = answer.get("policyText")
    return {"policy": to_json(text) if text else None}


repositories = declare(
    "ecr.repositories",
    where="regional",
    key=("arn",),
    doc="Every private ECR repository, with scan on push, tag immutability, encryption at rest, "
    "lifecycle policy and repository policy.",
    list=ListStep(("ecr:DescribeRepositories",), list_repositories),
    hydrates=(
        Hydrate("lifecycle", ("ecr:GetLifecyclePolicy",), lifecycle),
        Hydrate("repository_policy", ("ecr:GetRepositoryPolicy",), repository_policy),
    ),
    columns=(
        Column("repository_name", "string", "The repository's name (may hold slashes)."),
        Column("arn", "string", "arn:aws:ecr:REGION:ACCOUNT:repository/REPOSITORY_NAME."),
        Column("registry_id", "string", "The registry (account) that holds it."),
        Column("repository_uri", "string", "ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME."),
        Column("created_at", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "image_tag_mutability",
            "string",
            "MUTABLE, IMMUTABLE, or (with exclusion filters) MUTABLE_WITH_EXCLUSION or "
            "IMMUTABLE_WITH_EXCLUSION.",
        ),
        Column("scan_on_push", "boolean", "Whether each pushed image is scanned (basic)."),
        Column(
            "encryption_type",
            "string",
            "AES256 (keys ECR owns, the default), KMS or KMS_DSSE.",
        ),
        Column(
            "kms_key",
            "string",
            "ARN of the KMS key that encrypts it; null with AES256.",
        ),
        Column(
            "lifecycle_policy",
            "string",
            "The lifecycle policy (JSON); null without one.",
            "lifecycle",
        ),
        Column(
            "lifecycle_rule_count",
            "Int64",
            "How many rules the lifecycle policy has; 0 without one.",
            "lifecycle",
        ),
        Column(
            "policy",
            "string",
            "The repository policy (JSON); null without one.",
            "repository_policy",
        ),
    ),
)
