"""Amazon CloudFront: distributions in front of the account's S3 buckets and web servers, with
or without origin access control, HTTPS to viewers and to origins, a custom certificate from
ACM, a WAF web ACL, origin failover, a default root object and standard logging.

Seeded last of the accounts' steps (its ids come after every other seeder's): a distribution
names its buckets (seeded by ``s3``) and its certificate by its domain (seeded by ``acm``, in
us-east-1 as CloudFront requires). A web ACL a distribution names is made for it
(``wafv2.make_web_acl``), in the CLOUDFRONT scope of us-east-1. moto keeps neither an S3 origin's configuration nor its origin
access control, nor a custom viewer certificate's source: ``cloudfront_answers`` completes
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import acm, wafv2
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: CloudFront's API, its certificates and its web ACLs live in us-east-1.
REGION = "us-east-1"
#: AWS's managed cache policy CachingOptimized.
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
ORIGIN = {
    "id": str,
    #: An S3 origin: the bucket's name (its REST endpoint is the origin's domain).
    "bucket": str,
    #: With a bucket: reached through an origin access control (the default: none).
    "origin_access_control": bool,
    #: A custom origin: its domain name, protocol policy and SSL protocols to the origin.
    "domain": str,
    "protocol_policy": str,
    "ssl_protocols": [str],
}
BEHAVIOUR = {"path": str, "origin": str, "viewer_protocol": str}
CLOUDFRONT_DISTRIBUTION = {
    #: Its comment and caller reference; the truth names the distribution by it.
    "name": str,
    "aliases": [str],
    "origins": [ORIGIN],
    #: Origin ids of an origin group (failover), primary first.
    "origin_group": [str],
    #: The default cache behaviour's origin (the first origin by default) and viewer policy.
    "default_origin": str,
    "viewer_protocol": str,
    "behaviours": [BEHAVIOUR],
    "default_root_object": str,
    #: The domain of an ACM certificate of the account in us-east-1; absent: CloudFront's own.
    "certificate": str,
    "ssl_support_method": str,
    "minimum_protocol_version": str,
    #: A WAFv2 web ACL (CLOUDFRONT scope) made for it.
    "web_acl": wafv2.WEB_ACL,
    #: The bucket standard logs go to.
    "logging_bucket": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"cloudfront_distributions": [CLOUDFRONT_DISTRIBUTION]}
ROWS_BY_ACCOUNT = {"cloudfront_distributions": "id"}


@dataclass
class CloudFrontTruth:
    cloudfront_distributions: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Each distribution of the account, with its origin access controls and web ACL."""
    for distribution in spec.get("cloudfront_distributions", []):
        cloudfront = seeder.client(session, "cloudfront", REGION)
        name = distribution["name"]
        origins = [_origin(cloudfront, name, origin) for origin in distribution["origins"]]
        default_origin = distribution.get("default_origin", origins[0]["Id"])
        config: dict[str, Any] = {
            "CallerReference": name,
            "Comment": name,
            "Enabled": True,
            "Origins": {"Quantity": len(origins), "Items": origins},
            "DefaultCacheBehavior": _behaviour(
                default_origin, distribution.get("viewer_protocol", "allow-all")
            ),
        }
        behaviours = [
            {
                "PathPattern": b["path"],
                **_behaviour(b["origin"], b.get("viewer_protocol", "allow-all")),
            }
            for b in distribution.get("behaviours", [])
        ]
        if behaviours:
            config["CacheBehaviors"] = {"Quantity": len(behaviours), "Items": behaviours}
        group = distribution.get("origin_group")
        if group:
            members = [{"OriginId": origin_id} for origin_id in group]
            config["OriginGroups"] = {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": f"{name}-failover",
                        "FailoverCriteria": {"StatusCodes": {"Quantity": 2, "Items": [502, 503]}},
                        "Members": {"Quantity": len(members), "Items": members},
                    }
                ],
            }
        aliases = distribution.get("aliases", [])
        if aliases:
            config["Aliases"] = {"Quantity": len(aliases), "Items": aliases}
        if distribution.get("default_root_object"):
            config["DefaultRootObject"] = distribution["default_root_object"]
        certificate_arn = None
        if distribution.get("certificate"):
            certificate_arn = acm.certificate_arns(seeder, account_id)[
                (REGION, distribution["certificate"])
            ]
            config["ViewerCertificate"] = {
                "ACMCertificateArn": certificate_arn,
                "SSLSupportMethod": distribution.get("ssl_support_method", "sni-only"),
                "MinimumProtocolVersion": distribution.get(
                    "minimum_protocol_version", "TLSv1.2_2021"
                ),
            }
        web_acl_arn = None
        if distribution.get("web_acl"):
            web_acl_arn = wafv2.make_web_acl(
                seeder,
                session,
                account_id,
                REGION,
                "CLOUDFRONT",
                distribution["web_acl"],
                f"the CloudFront distribution {name}",
            )
            config["WebACLId"] = web_acl_arn
        logging_bucket = distribution.get("logging_bucket")
        if logging_bucket:
            config["Logging"] = {
                "Enabled": True,
                "IncludeCookies": False,
                "Bucket": f"{logging_bucket}.s3.amazonaws.com",
                "Prefix": f"cloudfront/{name}/",
            }
        made = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]
        seeder.truth.cloudfront_distributions.append(
            {
                "account_id": account_id,
                "region": "global",
                "id": made["Id"],
                "arn": made["ARN"],
                "name": name,
                "aliases": sorted(aliases),
                "origins": sorted(
                    (
                        {
                            "id": o["Id"],
                            "type": "custom" if "CustomOriginConfig" in o else "s3",
                            "origin_access_control": bool(o.get("OriginAccessControlId")),
                        }
                        for o in origins
                    ),
                    key=lambda o: o["id"],
                ),
                "viewer_protocol_policies": {
                    "*": config["DefaultCacheBehavior"]["ViewerProtocolPolicy"],
                    **{b["PathPattern"]: b["ViewerProtocolPolicy"] for b in behaviours},
                },
                "origin_group": list(group or []),
                "certificate": certificate_arn,
                "web_acl_arn": web_acl_arn,
                "default_root_object": distribution.get("default_root_object"),
                "logging_bucket": f"{logging_bucket}.s3.amazonaws.com" if logging_bucket else None,
            }
        )
        seeder.plant(
            distribution.get("planted"), account_id, "global", made["Id"], "cloudfront_distribution"
        )


def _behaviour(origin_id: str, viewer_protocol: str) -> dict[str, Any]:
    return {
        "TargetOriginId": origin_id,
        "ViewerProtocolPolicy": viewer_protocol,
        "CachePolicyId": CACHING_OPTIMIZED,
    }


def _origin(cloudfront: Any, distribution: str, origin: dict[str, Any]) -> dict[str, Any]:
    """An origin of the request; an origin access control made for an S3 origin that asks."""
    if "bucket" in origin:
        made: dict[str, Any] = {
            "Id": origin["id"],
            "DomainName": f"{origin['bucket']}.s3.{REGION}.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": ""},
        }
        if origin.get("origin_access_control"):
            control = cloudfront.create_origin_access_control(
                OriginAccessControlConfig={
                    "Name": f"{distribution}-{origin['id']}",
                    "SigningProtocol": "sigv4",
                    "SigningBehavior": "always",
                    "OriginAccessControlOriginType": "s3",
                }
            )
            made["OriginAccessControlId"] = control["OriginAccessControl"]["Id"]
        return made
    protocols = origin.get("ssl_protocols", ["TLSv1.2"])
    return {
        "Id": origin["id"],
        "DomainName": origin["domain"],
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": origin.get("protocol_policy", "https-only"),
            "OriginSslProtocols": {"Quantity": len(protocols), "Items": protocols},
        },
    }
