"""``opensearch.domains``: every OpenSearch Service domain, with the settings FSBP's Opensearch
controls read.

ListDomainNames answers names and engines only; DescribeDomains answers up to 5 domains a call
(AWS's limit): the ``describe`` hydrate reads each unit's domains in batches, once, rather than
a call per domain, and ``collect(columns=...)`` skips it when only list columns are asked for.
The ARN is built from the name as AWS writes it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import json_list, partition

SERVICE = "opensearch"
#: DescribeDomains takes at most this many names a call.
BATCH = 5
#: Log publishing keys of DescribeDomains: audit logs and error (application) logs.
AUDIT_LOGS = "AUDIT_LOGS"
ERROR_LOGS = "ES_APPLICATION_LOGS"


async def list_domains(ctx: TableContext) -> list[dict[str, Any]]:
    prefix = f"arn:{partition(ctx.region)}:es:{ctx.region}:{ctx.account_id}:domain/"
    return [
        {
            "domain_name": d["DomainName"],
            "arn": prefix + d["DomainName"],
            "engine_type": d.get("EngineType"),
        }
        for d in await domain_names(ctx)
    ]


async def domain_names(ctx: TableContext) -> list[dict[str, Any]]:
    """ListDomainNames of (account, region), once per run: the list step and the batches share
    it."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE)
        return (await ctx.aws.call(client, "list_domain_names")).get("DomainNames") or []

    return await ctx.aws.memo(("opensearch.list_domain_names", ctx.account_id, ctx.region), fetch)


async def described(ctx: TableContext) -> dict[str, dict[str, Any]]:
    """Every domain of (account, region) by name, read in batches of 5, once per unit."""

    async def fetch() -> dict[str, dict[str, Any]]:
        client = await ctx.client(SERVICE)
        names = [d["DomainName"] for d in await domain_names(ctx)]
        batches = [names[i : i + BATCH] for i in range(0, len(names), BATCH)]
        answers = await asyncio.gather(
            *(ctx.aws.call(client, "describe_domains", DomainNames=batch) for batch in batches)
        )
        return {
            status["DomainName"]: status
            for answer in answers
            for status in answer.get("DomainStatusList") or []
        }

    return await ctx.aws.memo(("opensearch.describe_domains", ctx.account_id, ctx.region), fetch)


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    status = (await described(ctx)).get(item["domain_name"])
    if status is None or status.get("Deleted"):
        return None  # deleted between the list and the describe
    return domain_row(status)


def domain_row(status: dict[str, Any]) -> dict[str, Any]:
    cluster = status.get("ClusterConfig") or {}
    vpc = status.get("VPCOptions")
    endpoints = status.get("Endpoints") or {}
    rest = status.get("EncryptionAtRestOptions") or {}
    endpoint_options = status.get("DomainEndpointOptions") or {}
    security = status.get("AdvancedSecurityOptions") or {}
    logs = status.get("LogPublishingOptions") or {}
    audit = logs.get(AUDIT_LOGS) or {}
    errors = logs.get(ERROR_LOGS) or {}
    return {
        "domain_id": status.get("DomainId"),
        "engine_version": status.get("EngineVersion"),
        "endpoint": status.get("Endpoint") or endpoints.get("vpc"),
        "in_vpc": vpc is not None,
        "vpc_subnet_ids": json_list((vpc or {}).get("SubnetIds") or []),
        "vpc_security_group_ids": json_list((vpc or {}).get("SecurityGroupIds") or []),
        "instance_type": cluster.get("InstanceType"),
        "instance_count": cluster.get("InstanceCount"),
        "zone_awareness_enabled": cluster.get("ZoneAwarenessEnabled"),
        "dedicated_master_enabled": cluster.get("DedicatedMasterEnabled"),
        "dedicated_master_count": (
            cluster.get("DedicatedMasterCount") if cluster.get("DedicatedMasterEnabled") else None
        ),
        "encryption_at_rest_enabled": rest.get("Enabled"),
        "kms_key_id": rest.get("KmsKeyId"),
        "node_to_node_encryption_enabled": (status.get("NodeToNodeEncryptionOptions") or {}).get(
            "Enabled"
        ),
        "enforce_https": endpoint_options.get("EnforceHTTPS"),
        "tls_security_policy": endpoint_options.get("TLSSecurityPolicy"),
        "fine_grained_access_control_enabled": security.get("Enabled"),
        "internal_user_database_enabled": security.get("InternalUserDatabaseEnabled"),
        "audit_logs_enabled": bool(audit.get("Enabled")),
        "audit_log_group_arn": audit.get("CloudWatchLogsLogGroupArn") if audit else None,
        "error_logs_enabled": bool(errors.get("Enabled")),
        "error_log_group_arn": errors.get("CloudWatchLogsLogGroupArn") if errors else None,
        "access_policy": normalized(status.get("AccessPolicies")),
    }


def normalized(policy: str | None) -> str | None:
    """The access policy as sorted JSON; null without one (AWS answers an empty string)."""
    if not policy:
        return None
    return json.dumps(json.loads(policy), sort_keys=True)


domains = declare(
    "opensearch.domains",
    where="regional",
    key=("arn",),
    doc="Every OpenSearch Service domain, with encryption at rest and between nodes, HTTPS and "
    "TLS policy, VPC or public endpoint, fine-grained access control, audit and error logging "
    "and data nodes.",
    list=ListStep(("es:ListDomainNames",), list_domains),
    hydrates=(Hydrate("describe", ("es:DescribeDomains",), describe),),
    columns=(
        Column("domain_name", "string", "The domain's name (unique per account and region)."),
        Column("arn", "string", "arn:aws:es:REGION:ACCOUNT:domain/DOMAIN_NAME."),
        Column("engine_type", "string", "OpenSearch or Elasticsearch."),
        Column("domain_id", "string", "ACCOUNT/DOMAIN_NAME.", "describe"),
        Column(
            "engine_version",
            "string",
            "The engine and version (OpenSearch_2.11, Elasticsearch_7.10).",
            "describe",
        ),
        Column(
            "endpoint",
            "string",
            "The domain endpoint's DNS name: the public one, or the VPC one for a domain in a VPC.",
            "describe",
        ),
        Column(
            "in_vpc",
            "boolean",
            "Whether the domain is in a VPC (reachable only through its subnets); false for a "
            "public endpoint.",
            "describe",
        ),
        Column("vpc_subnet_ids", "string", "JSON sorted list of its VPC subnets.", "describe"),
        Column(
            "vpc_security_group_ids",
            "string",
            "JSON sorted list of its VPC security groups.",
            "describe",
        ),
        Column("instance_type", "string", "The data nodes' instance type.", "describe"),
        Column("instance_count", "Int64", "Data nodes in the domain.", "describe"),
        Column(
            "zone_awareness_enabled",
            "boolean",
            "Whether data nodes are spread over two or three Availability Zones.",
            "describe",
        ),
        Column(
            "dedicated_master_enabled",
            "boolean",
            "Whether the domain has dedicated master nodes.",
            "describe",
        ),
        Column(
            "dedicated_master_count",
            "Int64",
            "How many dedicated master nodes it has; null without dedicated master nodes.",
            "describe",
        ),
        Column(
            "encryption_at_rest_enabled",
            "boolean",
            "Whether its indexes, logs and snapshots are encrypted at rest (KMS).",
            "describe",
        ),
        Column(
            "kms_key_id",
            "string",
            "The KMS key that encrypts it at rest; null when not encrypted (AWS owned key "
            "otherwise not named).",
            "describe",
        ),
        Column(
            "node_to_node_encryption_enabled",
            "boolean",
            "Whether traffic between its nodes is TLS-encrypted.",
            "describe",
        ),
        Column(
            "enforce_https",
            "boolean",
            "Whether the endpoint refuses plain HTTP.",
            "describe",
        ),
        Column(
            "tls_security_policy",
            "string",
            "The endpoint's TLS policy (Policy-Min-TLS-1-0-2019-07, Policy-Min-TLS-1-2-2019-07, "
            "Policy-Min-TLS-1-2-PFS-2023-10, ...).",
            "describe",
        ),
        Column(
            "fine_grained_access_control_enabled",
            "boolean",
            "Whether fine-grained access control (advanced security options) is on.",
            "describe",
        ),
        Column(
            "internal_user_database_enabled",
            "boolean",
            "Whether fine-grained access control keeps users in the domain's own database (not "
            "only IAM).",
            "describe",
        ),
        Column(
            "audit_logs_enabled",
            "boolean",
            "Whether audit logs are published to CloudWatch Logs.",
            "describe",
        ),
        Column(
            "audit_log_group_arn",
            "string",
            "The CloudWatch Logs log group of its audit logs; null without one.",
            "describe",
        ),
        Column(
            "error_logs_enabled",
            "boolean",
            "Whether error (application) logs are published to CloudWatch Logs.",
            "describe",
        ),
        Column(
            "error_log_group_arn",
            "string",
            "The CloudWatch Logs log group of its error logs; null without one.",
            "describe",
        ),
        Column(
            "access_policy",
            "string",
            "Its resource-based access policy as sorted JSON; null without one.",
            "describe",
        ),
    ),
)
