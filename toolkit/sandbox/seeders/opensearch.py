"""Amazon OpenSearch Service: domains with a public endpoint or in subnets of a VPC of the
account, encrypted at rest with a KMS key of the account or not, with or without node-to-node
encryption, enforced HTTPS and its TLS policy, fine-grained access control, audit and error
logs to CloudWatch Logs, and one or more data nodes.

Seeded after EC2 (a domain in a VPC names its subnets and security groups) and KMS (it names
its key by its alias). The log groups are named by ARN only: moto does not check them, and the
estate's log groups stay those of the monitoring seeder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

OPENSEARCH_DOMAIN = {
    "name": str,
    "region": str,
    #: The VPC of the account (by name), its subnets and security groups; public without it.
    "vpc": {"name": str, "subnets": [str], "security_groups": [str]},
    #: The alias of the account's KMS key that encrypts it at rest; unencrypted without one.
    "kms_key": str,
    "node_to_node_encryption": bool,
    "enforce_https": bool,
    #: The endpoint's TLS policy (AWS's default, Policy-Min-TLS-1-0-2019-07, when not given).
    "tls_policy": str,
    "fine_grained_access_control": bool,
    "audit_logs": bool,
    "error_logs": bool,
    #: Data nodes (1 when not given); zone awareness is on with 2 or more.
    "data_nodes": int,
    #: Dedicated master nodes (none when not given).
    "dedicated_masters": int,
    #: Allow the account's own principals (a resource policy naming the account's root).
    "account_access_policy": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"opensearch_domains": [OPENSEARCH_DOMAIN]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"opensearch_domains": "arn"}
DEFAULT_TLS_POLICY = "Policy-Min-TLS-1-0-2019-07"


@dataclass
class OpenSearchTruth:
    opensearch_domains: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's domains, each made in one CreateDomain call."""
    for domain in spec.get("opensearch_domains", []):
        region = domain.get("region", seeder.regions[0])
        name = domain["name"]
        nodes = domain.get("data_nodes", 1)
        options: dict[str, Any] = {
            "ClusterConfig": {
                "InstanceType": "r6g.large.search",
                "InstanceCount": nodes,
                "ZoneAwarenessEnabled": nodes > 1,
                **_dedicated_masters(domain.get("dedicated_masters", 0)),
            },
            "EBSOptions": {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 20},
            "NodeToNodeEncryptionOptions": {"Enabled": bool(domain.get("node_to_node_encryption"))},
            "DomainEndpointOptions": {
                "EnforceHTTPS": bool(domain.get("enforce_https")),
                "TLSSecurityPolicy": domain.get("tls_policy", DEFAULT_TLS_POLICY),
            },
        }
        key_arn = None
        if domain.get("kms_key"):
            key_arn = kms.key_arns(seeder, account_id)[domain["kms_key"]]
            options["EncryptionAtRestOptions"] = {"Enabled": True, "KmsKeyId": key_arn}
        subnet_ids, group_ids = _vpc_ids(seeder, account_id, region, domain.get("vpc"))
        if domain.get("vpc"):
            options["VPCOptions"] = {"SubnetIds": subnet_ids, "SecurityGroupIds": group_ids}
        if domain.get("fine_grained_access_control"):
            options["AdvancedSecurityOptions"] = {
                "Enabled": True,
                "InternalUserDatabaseEnabled": False,
                "MasterUserOptions": {"MasterUserARN": f"arn:aws:iam::{account_id}:root"},
            }
        logs = {}
        for wanted, kind, suffix in (
            ("audit_logs", "AUDIT_LOGS", "audit"),
            ("error_logs", "ES_APPLICATION_LOGS", "error"),
        ):
            if domain.get(wanted):
                group = (
                    f"arn:aws:logs:{region}:{account_id}:log-group:/aws/opensearch/{name}/{suffix}"
                )
                logs[kind] = {"CloudWatchLogsLogGroupArn": group, "Enabled": True}
        if logs:
            options["LogPublishingOptions"] = logs
        policy = None
        if domain.get("account_access_policy"):
            policy = {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
                        "Action": "es:*",
                        "Resource": f"arn:aws:es:{region}:{account_id}:domain/{name}/*",
                    }
                ],
            }
            options["AccessPolicies"] = json.dumps(policy)
        made = seeder.client(session, "opensearch", region).create_domain(
            DomainName=name, EngineVersion="OpenSearch_2.11", **options
        )["DomainStatus"]
        seeder.truth.opensearch_domains.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "arn": made["ARN"],
                "in_vpc": bool(domain.get("vpc")),
                "subnet_ids": sorted(subnet_ids),
                "security_group_ids": sorted(group_ids),
                "kms_key_arn": key_arn,
                "node_to_node_encryption": bool(domain.get("node_to_node_encryption")),
                "enforce_https": bool(domain.get("enforce_https")),
                "tls_policy": domain.get("tls_policy", DEFAULT_TLS_POLICY),
                "fine_grained_access_control": bool(domain.get("fine_grained_access_control")),
                "audit_logs": bool(domain.get("audit_logs")),
                "error_logs": bool(domain.get("error_logs")),
                "data_nodes": nodes,
                "dedicated_masters": domain.get("dedicated_masters", 0),
                "access_policy": policy,
            }
        )
        seeder.plant(domain.get("planted"), account_id, region, name, "opensearch_domain")


def _dedicated_masters(count: int) -> dict[str, Any]:
    """The ClusterConfig fields for ``count`` dedicated master nodes (none for 0)."""
    if not count:
        return {"DedicatedMasterEnabled": False}
    return {
        "DedicatedMasterEnabled": True,
        "DedicatedMasterType": "r6g.large.search",
        "DedicatedMasterCount": count,
    }


def _vpc_ids(
    seeder: Seeder, account_id: str, region: str, vpc: dict[str, Any] | None
) -> tuple[list[str], list[str]]:
    """The ids of the subnets and security groups the estate names in the account's VPC."""
    if not vpc:
        return [], []
    for made in seeder.truth.vpcs:
        if (made["account_id"], made["region"], made["name"]) == (account_id, region, vpc["name"]):
            subnets = {s["name"]: s["id"] for s in made["subnets"]}
            groups = {g["name"]: g["id"] for g in made["security_groups"]}
            return (
                [subnets[n] for n in vpc.get("subnets", [])],
                [groups[n] for n in vpc.get("security_groups", [])],
            )
    raise KeyError(f"no VPC {vpc['name']} in {account_id} {region}")
