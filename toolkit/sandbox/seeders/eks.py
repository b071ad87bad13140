"""Amazon EKS: clusters in subnets of an account's VPC, with a Kubernetes version, a public or
private API endpoint, control plane log types and, or not, a KMS key for secrets.

Seeded after EC2 (a cluster's subnets) and KMS (the secrets key, by alias). The control plane's
role is named, not made: moto does not look it up, and nothing in the estate reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

EKS_CLUSTER = {
    "name": str,
    "region": str,
    "version": str,
    #: The VPC of the account (by name) and the subnets the control plane uses.
    "vpc": str,
    "subnets": [str],
    "endpoint_public": bool,
    "endpoint_private": bool,
    #: CIDRs allowed to the public endpoint (AWS's default 0.0.0.0/0 when not given).
    "public_cidrs": [str],
    #: Control plane log types turned on (api, audit, authenticator, controllerManager,
    #: scheduler); none when not given, as AWS makes a cluster.
    "log_types": [str],
    #: Alias of the account's KMS key that encrypts Kubernetes secrets; none when not given.
    "secrets_key": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"eks_clusters": [EKS_CLUSTER]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"eks_clusters": "arn"}
LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")


@dataclass
class EksTruth:
    eks_clusters: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's clusters, each made with its endpoint access, logging and encryption."""
    for cluster in spec.get("eks_clusters", []):
        region = cluster.get("region", seeder.regions[0])
        eks = seeder.client(session, "eks", region)
        enabled = list(cluster.get("log_types") or [])
        disabled = [kind for kind in LOG_TYPES if kind not in enabled]
        logging = [
            {"types": group, "enabled": on}
            for group, on in ((enabled, True), (disabled, False))
            if group
        ]
        options: dict[str, Any] = {}
        key_arn = None
        if cluster.get("secrets_key"):
            key_arn = kms.key_arns(seeder, account_id)[cluster["secrets_key"]]
            options["encryptionConfig"] = [
                {"resources": ["secrets"], "provider": {"keyArn": key_arn}}
            ]
        public_cidrs = sorted(cluster.get("public_cidrs") or ["0.0.0.0/0"])
        made = eks.create_cluster(
            name=cluster["name"],
            version=cluster["version"],
            roleArn=f"arn:aws:iam::{account_id}:role/eks-cluster",
            resourcesVpcConfig={
                "subnetIds": _subnets(seeder, account_id, region, cluster),
                "endpointPublicAccess": bool(cluster.get("endpoint_public", True)),
                "endpointPrivateAccess": bool(cluster.get("endpoint_private")),
                "publicAccessCidrs": public_cidrs,
            },
            logging={"clusterLogging": logging},
            **options,
        )["cluster"]
        seeder.truth.eks_clusters.append(
            {
                "account_id": account_id,
                "region": region,
                "name": cluster["name"],
                "arn": made["arn"],
                "version": cluster["version"],
                "endpoint_public": bool(cluster.get("endpoint_public", True)),
                "endpoint_private": bool(cluster.get("endpoint_private")),
                "public_cidrs": public_cidrs,
                "log_types": sorted(enabled),
                "secrets_kms_key_arn": key_arn,
            }
        )
        seeder.plant(cluster.get("planted"), account_id, region, cluster["name"], "eks_cluster")


def _subnets(seeder: Seeder, account_id: str, region: str, cluster: dict[str, Any]) -> list[str]:
    """The ids of the subnets the cluster names, in the VPC it names."""
    vpc = next(
        v
        for v in seeder.truth.vpcs
        if (v["account_id"], v["region"], v["name"]) == (account_id, region, cluster["vpc"])
    )
    subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
    return [subnets[name] for name in cluster["subnets"]]
