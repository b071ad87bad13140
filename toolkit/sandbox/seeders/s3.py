"""Amazon S3: the account-wide public access block, then buckets with their ACLs, policies,
encryption, versioning, public access blocks and server access logging.

Lifecycle, replication, Object Lock and event notifications come last
(``seed_bucket_protection``, the last step of each account, after the topics exist), so that the
ids drawn before it stay as they were.

Seeded first in each account: trails and flow logs name buckets made here. Logging is set once
every bucket of the account exists, since a bucket may log into one listed after it. A bucket
encrypted with a KMS key of the account (``kms_key``) gets its encryption in a later step,
``seed_bucket_keys``, once KMS has made the key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .references import resolve
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

BUCKET = {
    "name": str,
    "region": str,
    "acl": str,  # a canned ACL of ACL_GRANTS
    "policy": str,  # a template of BUCKET_POLICIES
    # or a whole policy: {bucket} is the bucket's name, {account:KEY} an account's id
    "policy_document": dict,
    "encryption": str,  # an SSE algorithm, or none
    "kms_key": str,  # with aws:kms: the alias of the account's key (else AWS's aws/s3 key)
    "versioning": bool,
    "logging": str,
    "public_access_block": bool,
    "ownership": str,
    "lifecycle": bool,  # one enabled rule: noncurrent versions expire after 90 days
    "replication": str,  # a versioned bucket of the account that the bucket replicates into
    "object_lock": str,  # GOVERNANCE or COMPLIANCE: Object Lock with that default retention
    "notifications": str,  # eventbridge, or the name of a topic of the account in its region
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"s3_account_public_access_block": bool, "buckets": [BUCKET]}


@dataclass
class S3Truth:
    #: account id -> the account-wide public access block (all four settings alike)
    account_public_access_block: dict[str, bool] = field(default_factory=dict)
    buckets: list[dict[str, Any]] = field(default_factory=list)


PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::{bucket}/*",
        }
    ],
}
SOURCE_IP_ANY_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AnyIp",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::{bucket}/*",
            "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}},
        }
    ],
}
TLS_ONLY_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::{bucket}", "arn:aws:s3:::{bucket}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ],
}
ORG_ONLY_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OrgRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::{bucket}/*",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "{org_id}"}},
        }
    ],
}
#: What S3 server access logging needs on a target bucket (first: moto reads statements in order).
LOG_DELIVERY_STATEMENT = {
    "Sid": "S3ServerAccessLogsPolicy",
    "Effect": "Allow",
    "Principal": {"Service": "logging.s3.amazonaws.com"},
    "Action": ["s3:PutObject"],
    "Resource": "arn:aws:s3:::{bucket}/*",
}
BUCKET_POLICIES = {
    "public-read": (PUBLIC_READ_POLICY, True),
    "public-read-any-ip": (SOURCE_IP_ANY_POLICY, True),
    "tls-only": (TLS_ONLY_POLICY, False),
    "org-only": (ORG_ONLY_POLICY, False),
}
ACL_GRANTS = {
    "private": (None, None),
    "public-read": ("READ", None),
    "public-read-write": ("READ,WRITE", None),
    "authenticated-read": (None, "READ"),
}


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's public access block, its buckets, then their logging."""
    if "s3_account_public_access_block" in spec:
        enabled = spec["s3_account_public_access_block"]
        seeder.client(session, "s3control").put_public_access_block(
            AccountId=account_id,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": enabled,
                "IgnorePublicAcls": enabled,
                "BlockPublicPolicy": enabled,
                "RestrictPublicBuckets": enabled,
            },
        )
        seeder.truth.account_public_access_block[account_id] = enabled
    log_targets = {b["logging"] for b in spec.get("buckets", []) if b.get("logging")}
    for bucket in spec.get("buckets", []):
        _bucket(seeder, session, account_id, bucket, bucket["name"] in log_targets)
    for bucket in spec.get("buckets", []):  # targets exist only once every bucket does
        if bucket.get("logging"):
            s3 = seeder.client(session, "s3", bucket.get("region", seeder.regions[0]))
            s3.put_bucket_logging(
                Bucket=bucket["name"],
                BucketLoggingStatus={
                    "LoggingEnabled": {
                        "TargetBucket": bucket["logging"],
                        "TargetPrefix": f"{bucket['name']}/",
                    }
                },
            )


def _bucket(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any], log_target: bool
) -> None:
    name, region = spec["name"], spec.get("region", seeder.regions[0])
    s3 = seeder.client(session, "s3", region)
    create: dict[str, Any] = {"Bucket": name}
    if region != "us-east-1":
        create["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**create)
    ownership = spec.get("ownership")
    if ownership:
        s3.put_bucket_ownership_controls(
            Bucket=name, OwnershipControls={"Rules": [{"ObjectOwnership": ownership}]}
        )
    acl = spec.get("acl", "private")
    if acl != "private":
        s3.put_bucket_acl(Bucket=name, ACL=acl)
    policy_name = spec.get("policy")
    policy_public = False
    statements = [LOG_DELIVERY_STATEMENT] if log_target else []
    if policy_name:
        template, policy_public = BUCKET_POLICIES[policy_name]
        statements += template["Statement"]
    if spec.get("policy_document"):
        from policyuniverse.policy import Policy

        policy_name = "custom"
        document = resolve(seeder, spec["policy_document"])
        statements += document["Statement"]
        policy_public = Policy(json.loads(json.dumps(document).replace("{bucket}", name)))
        policy_public = policy_public.is_internet_accessible()
    if statements:
        text = json.dumps({"Version": "2012-10-17", "Statement": statements})
        text = text.replace("{bucket}", name).replace("{org_id}", seeder.truth.organization_id)
        s3.put_bucket_policy(Bucket=name, Policy=text)
    encryption = spec.get("encryption", "none")
    if encryption != "none" and not spec.get("kms_key"):  # else once KMS made the key
        rule: dict[str, Any] = {"SSEAlgorithm": encryption}
        s3.put_bucket_encryption(
            Bucket=name,
            ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": rule}]
            },
        )
    if spec.get("versioning"):
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    pab = spec.get("public_access_block")
    if pab is not None:
        s3.put_public_access_block(
            Bucket=name,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": pab,
                "IgnorePublicAcls": pab,
                "BlockPublicPolicy": pab,
                "RestrictPublicBuckets": pab,
            },
        )
    all_users, authenticated = ACL_GRANTS[acl]
    seeder.truth.buckets.append(
        {
            "account_id": account_id,
            "name": name,
            "region": region,
            "acl_all_users": all_users,
            "acl_authenticated_users": authenticated,
            "policy": policy_name,
            "policy_public": policy_public,
            "encryption": None if encryption == "none" else encryption,
            "kms_key_id": None,  # the key's ARN, set by seed_bucket_keys
            "versioning": "Enabled" if spec.get("versioning") else "Disabled",
            "logging_target_bucket": spec.get("logging"),
            "public_access_block": pab,
            "object_ownership": ownership,
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, name, "s3_bucket")


def seed_bucket_keys(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Default encryption with the account's KMS key (and an S3 Bucket Key) for the buckets that
    name one."""
    keys = kms.key_arns(seeder, account_id)
    for bucket in spec.get("buckets", []):
        if not bucket.get("kms_key"):
            continue
        arn = keys[bucket["kms_key"]]
        seeder.client(session, "s3", bucket.get("region", seeder.regions[0])).put_bucket_encryption(
            Bucket=bucket["name"],
            ServerSideEncryptionConfiguration={
                "Rules": [
                    {
                        "ApplyServerSideEncryptionByDefault": {
                            "SSEAlgorithm": bucket.get("encryption", "aws:kms"),
                            "KMSMasterKeyID": arn,
                        },
                        "BucketKeyEnabled": True,
                    }
                ]
            },
        )
        for row in seeder.truth.buckets:
            if (row["account_id"], row["name"]) == (account_id, bucket["name"]):
                row["kms_key_id"] = arn


def seed_bucket_protection(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]
) -> None:
    """Lifecycle rules, replication, Object Lock and event notifications of the buckets that
    ask for them; every bucket's truth row says what it has."""
    for bucket in spec.get("buckets", []):
        region = bucket.get("region", seeder.regions[0])
        s3 = seeder.client(session, "s3", region)
        name = bucket["name"]
        if bucket.get("lifecycle"):
            s3.put_bucket_lifecycle_configuration(
                Bucket=name,
                LifecycleConfiguration={
                    "Rules": [
                        {
                            "ID": "expire-noncurrent-versions",
                            "Status": "Enabled",
                            "Filter": {"Prefix": ""},
                            "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                        }
                    ]
                },
            )
        destination = bucket.get("replication")
        if destination:
            s3.put_bucket_replication(
                Bucket=name,
                ReplicationConfiguration={
                    "Role": f"arn:aws:iam::{account_id}:role/s3-replication",
                    "Rules": [
                        {
                            "ID": "replicate-all",
                            "Status": "Enabled",
                            "Priority": 1,
                            "Filter": {"Prefix": ""},
                            "DeleteMarkerReplication": {"Status": "Disabled"},
                            "Destination": {"Bucket": f"arn:aws:s3:::{destination}"},
                        }
                    ],
                },
            )
        mode = bucket.get("object_lock")
        if mode:
            s3.put_object_lock_configuration(
                Bucket=name,
                ObjectLockConfiguration={
                    "ObjectLockEnabled": "Enabled",
                    "Rule": {"DefaultRetention": {"Mode": mode, "Days": 365}},
                },
            )
        target = _notification_target(seeder, account_id, region, bucket.get("notifications"))
        if target:
            s3.put_bucket_notification_configuration(
                Bucket=name, NotificationConfiguration=target[0]
            )
        row = next(
            r for r in seeder.truth.buckets if (r["account_id"], r["name"]) == (account_id, name)
        )
        row["lifecycle"] = bool(bucket.get("lifecycle"))
        row["replication_destination"] = destination and f"arn:aws:s3:::{destination}"
        row["object_lock_mode"] = mode
        row["notification_destination"] = target[1] if target else None


def _notification_target(
    seeder: Seeder, account_id: str, region: str, target: str | None
) -> tuple[dict[str, Any], str] | None:
    """The notification configuration for ``eventbridge`` or a topic's name, and the
    destination as the table names it."""
    if not target:
        return None
    if target == "eventbridge":
        return {"EventBridgeConfiguration": {}}, "eventbridge"
    arn = next(
        t["arn"]
        for t in seeder.truth.sns_topics
        if (t["account_id"], t["region"], t["name"]) == (account_id, region, target)
    )
    config = {"TopicConfigurations": [{"TopicArn": arn, "Events": ["s3:ObjectCreated:*"]}]}
    return config, arn
