"""``cloudfront.distributions``: every CloudFront distribution, with its origins, the viewer
protocol policy of each cache behaviour, its viewer certificate, web ACL, default root object
and standard logging.

The list step (ListDistributions) answers most of what the FSBP CloudFront controls judge;
the default root object and logging are only in the distribution's configuration, a
per-distribution hydrate (GetDistributionConfig).
"""

from __future__ import annotations

import json
from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare

SERVICE = "cloudfront"
#: CloudFront's API answers in us-east-1 for the whole account.
API_REGION = "us-east-1"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A distribution deleted between the list and its configuration is gone: no row.
GONE = ("NoSuchDistribution",)
#: The default cache behaviour's path pattern, as the console names it.
DEFAULT_PATH = "*"


def _items(container: dict[str, Any] | None) -> list[Any]:
    return list((container or {}).get("Items") or [])


def origin_row(origin: dict[str, Any]) -> dict[str, Any]:
    """One origin as the table states it: S3 or custom, and how CloudFront reaches it."""
    custom = origin.get("CustomOriginConfig")
    s3 = origin.get("S3OriginConfig")
    return {
        "id": origin.get("Id"),
        "domain_name": origin.get("DomainName"),
        "type": "custom" if custom is not None else ("s3" if s3 is not None else "other"),
        "origin_access_control_id": origin.get("OriginAccessControlId") or None,
        "origin_access_identity": (s3 or {}).get("OriginAccessIdentity") or None,
        "protocol_policy": (custom or {}).get("OriginProtocolPolicy"),
        "ssl_protocols": sorted(_items((custom or {}).get("OriginSslProtocols"))),
    }


def viewer_policies(summary: dict[str, Any]) -> dict[str, str]:
    """Path pattern -> viewer protocol policy of every cache behaviour (``*``: the default)."""
    policies = {
        DEFAULT_PATH: (summary.get("DefaultCacheBehavior") or {}).get("ViewerProtocolPolicy")
    }
    for behaviour in _items(summary.get("CacheBehaviors")):
        policies[behaviour.get("PathPattern")] = behaviour.get("ViewerProtocolPolicy")
    return policies


async def list_distributions(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE, API_REGION)
    rows = []
    async for page in ctx.aws.pages(client, "list_distributions", **PAGE):
        for summary in _items(page.get("DistributionList")):
            certificate = summary.get("ViewerCertificate") or {}
            default = bool_or_none(certificate.get("CloudFrontDefaultCertificate"))
            origins = sorted(
                (origin_row(o) for o in _items(summary.get("Origins"))), key=lambda o: o["id"]
            )
            groups = [
                {
                    "id": group.get("Id"),
                    "members": [m.get("OriginId") for m in _items(group.get("Members"))],
                }
                for group in _items(summary.get("OriginGroups"))
            ]
            rows.append(
                {
                    "id": summary["Id"],
                    "arn": summary["ARN"],
                    "domain_name": summary.get("DomainName"),
                    "status": summary.get("Status"),
                    "enabled": bool_or_none(summary.get("Enabled")),
                    "aliases": json.dumps(sorted(_items(summary.get("Aliases")))),
                    "last_modified_time": summary.get("LastModifiedTime"),
                    "origins": json.dumps(origins, sort_keys=True),
                    "origin_groups": json.dumps(
                        sorted(groups, key=lambda g: g["id"] or ""), sort_keys=True
                    ),
                    "viewer_protocol_policies": json.dumps(
                        viewer_policies(summary), sort_keys=True
                    ),
                    "default_certificate": default,
                    "certificate_source": certificate.get("CertificateSource"),
                    "certificate": None
                    if default
                    else (
                        certificate.get("ACMCertificateArn")
                        or certificate.get("IAMCertificateId")
                        or None
                    ),
                    "ssl_support_method": None if default else certificate.get("SSLSupportMethod"),
                    "minimum_protocol_version": certificate.get("MinimumProtocolVersion"),
                    "web_acl_id": summary.get("WebACLId") or None,
                }
            )
    return rows


async def config(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE, API_REGION)
    try:
        answer = await ctx.aws.call(client, "get_distribution_config", Id=item["id"])
    except Exception as exc:
        if error_code(exc) in GONE:
            return None
        raise
    configuration = answer.get("DistributionConfig") or {}
    logging = configuration.get("Logging") or {}
    enabled = bool(logging.get("Enabled"))
    return {
        "default_root_object": configuration.get("DefaultRootObject") or None,
        "logging_enabled": enabled,
        "logging_bucket": (logging.get("Bucket") or None) if enabled else None,
    }


CONFIG = "config"

distributions = declare(
    "cloudfront.distributions",
    where="global",
    key=("arn",),
    doc="Every CloudFront distribution: origins, viewer protocols, certificate, WAF, logging.",
    list=ListStep(("cloudfront:ListDistributions",), list_distributions),
    hydrates=(Hydrate(CONFIG, ("cloudfront:GetDistributionConfig",), config),),
    columns=(
        Column("id", "string", "The distribution's id, e.g. E2QWRUHAPOMQZL."),
        Column("arn", "string", "arn:aws:cloudfront::ACCOUNT:distribution/ID."),
        Column(
            "domain_name", "string", "Its CloudFront domain, e.g. d111111abcdef8.cloudfront.net."
        ),
        Column("status", "string", "Deployed or InProgress."),
        Column("enabled", "boolean", "Whether it serves requests."),
        Column("aliases", "string", "JSON list of its alternate domain names (CNAMEs), sorted."),
        Column("last_modified_time", "datetime64[ns, UTC]", "When its configuration last changed."),
        Column(
            "origins",
            "string",
            "JSON list of its origins by id: domain_name, type (s3 or custom), "
            "origin_access_control_id and origin_access_identity (S3), protocol_policy "
            "(http-only, match-viewer or https-only) and ssl_protocols (custom).",
        ),
        Column(
            "origin_groups",
            "string",
            "JSON list of its origin groups (failover): id and the member origin ids.",
        ),
        Column(
            "viewer_protocol_policies",
            "string",
            "JSON object: each cache behaviour's path pattern ('*' the default behaviour) -> its "
            "viewer protocol policy (allow-all, redirect-to-https or https-only).",
        ),
        Column(
            "default_certificate",
            "boolean",
            "Whether viewers get CloudFront's own *.cloudfront.net certificate.",
        ),
        Column("certificate_source", "string", "cloudfront, acm or iam."),
        Column(
            "certificate",
            "string",
            "The ACM certificate ARN or IAM certificate id; null with the default certificate.",
        ),
        Column(
            "ssl_support_method",
            "string",
            "sni-only, vip (dedicated IP addresses) or static-ip; null with the default "
            "certificate.",
        ),
        Column(
            "minimum_protocol_version",
            "string",
            "The viewer TLS security policy, e.g. TLSv1.2_2021 (TLSv1 with the default "
            "certificate).",
        ),
        Column(
            "web_acl_id", "string", "The WAF web ACL that protects it (a WAFv2 ARN); null: none."
        ),
        Column(
            "default_root_object",
            "string",
            "The object served for the root URL, e.g. index.html; null: none.",
            CONFIG,
        ),
        Column("logging_enabled", "boolean", "Whether standard logging is on.", CONFIG),
        Column(
            "logging_bucket",
            "string",
            "The bucket standard logs go to (BUCKET.s3.amazonaws.com); null when off.",
            CONFIG,
        ),
    ),
)
