"""Seed an estate into a running sandbox through the real AWS APIs (boto3 over HTTP).

Everything is created the way a user would create it on AWS: the organization from the
management account, each member's resources through AssumeRole into that member. What was made,
with the ids AWS (moto) gave it and the misconfigurations planted on purpose, is returned as the
ground truth.

Made for size as well: one boto3 client per (account, service, region) for the whole seeding,
every session sharing one botocore model loader (a service's model is read once, not once per
account), instances launched in batches (``count``), and the accounts of an estate with
``seed_workers`` above 1 seeded that many at once on threads. The demo estate leaves it at 1:
moto draws ids from one seeded random stream, so only a fixed order gives the same ids on every
run.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..aws.endpoints import adapt_client
from .seed_workloads import seed_account
from .truth import GroundTruth

SANDBOX_KEY = ("testing", "testing")
ROLE_NAME = "OrganizationAccountAccessRole"

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


class Seeder:
    def __init__(self, endpoint_url: str, estate: dict[str, Any]) -> None:
        import boto3

        self.endpoint_url = endpoint_url
        self.estate = estate
        self.regions = estate.get("regions") or ["us-east-1"]
        self.management = boto3.Session(
            aws_access_key_id=SANDBOX_KEY[0],
            aws_secret_access_key=SANDBOX_KEY[1],
            region_name=self.regions[0],
        )
        self.truth = GroundTruth(regions=list(self.regions))
        self.account_ids: dict[str, str] = {}
        self.sessions: dict[str, Any] = {}
        self.workers = max(1, int(estate.get("seed_workers", 1)))
        self._images: dict[str, str] = {}
        self._clients: dict[tuple[int, str, str], Any] = {}
        self._lock = threading.Lock()

    def client(self, session: Any, service: str, region: str | None = None) -> Any:
        """The seeding's one client for (session, service, region), made on first use."""
        from botocore.config import Config

        key = (id(session), service, region or self.regions[0])
        with self._lock:  # a boto3 session must not make clients on two threads at once
            client = self._clients.get(key)
            if client is None:
                client = adapt_client(
                    session.client(
                        service,
                        region_name=key[2],
                        endpoint_url=self.endpoint_url,
                        config=Config(
                            s3={"addressing_style": "path"},
                            inject_host_prefix=False,
                            retries={"mode": "standard"},
                            max_pool_connections=4 * self.workers,
                        ),
                    )
                )
                self._clients[key] = client
        return client

    def _session(self, key: str, secret: str, token: str | None = None) -> Any:
        """A boto3 session sharing the management session's model loader."""
        import boto3
        import botocore.session

        core = botocore.session.get_session()
        core.register_component(
            "data_loader", self.management._session.get_component("data_loader")
        )
        return boto3.Session(
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            aws_session_token=token,
            region_name=self.regions[0],
            botocore_session=core,
        )

    def _each(self, function: Any, items: list[Any]) -> list[Any]:
        """``function`` over ``items``: in order, or on ``workers`` threads."""
        if self.workers == 1 or len(items) < 2:
            return [function(item) for item in items]
        with ThreadPoolExecutor(self.workers, thread_name_prefix="seed") as pool:
            return list(pool.map(function, items))

    # -- the whole estate ------------------------------------------------------------------
    def run(self) -> GroundTruth:
        self._organization()
        self.client(self.management, "sts")  # made once, before any thread needs it
        keys = list(self.account_ids)
        for key, session in zip(
            keys, self._each(lambda k: self._session_for(self.account_ids[k]), keys), strict=True
        ):
            self.sessions[key] = session
        # One after another unless the estate asks for workers: moto draws ids from one seeded
        # random stream, so only a fixed order gives the same ids on every run.
        self._each(lambda item: self._account(*item), list(self.estate.get("accounts", {}).items()))
        self._identity_center()
        self._default_networks()
        self.truth.faults = {
            "access_denied": [
                [self.account_ids.get(a, a), s]
                for a, s in self.estate.get("faults", {}).get("access_denied", [])
            ],
            "unassumable_accounts": [
                self.account_ids.get(a, a)
                for a in self.estate.get("faults", {}).get("unassumable_accounts", [])
            ],
        }
        self.truth.expected_findings = [
            {
                "check": entry["check"],
                "account_id": self.account_ids.get(
                    entry.get("account", "*"), entry.get("account", "*")
                ),
                "resource": entry.get("resource", "*"),
                "reason": entry["reason"],
            }
            for entry in self.estate.get("expected_findings", [])
        ]
        self.truth.sort()
        if self.workers > 1:  # threads finished in any order: sort what they appended
            self._sort_by_account()
        return self.truth

    def _default_networks(self) -> None:
        """Make every (account, region)'s default VPC now, in a fixed order.

        moto makes a region's default VPC, with ids from its random stream, when the region's
        EC2 is first asked; left to the first collection, the ids would follow the order in
        which concurrent requests happen to arrive.
        """
        for key in self.account_ids:
            for region in self.regions:
                self.client(self.sessions[key], "ec2", region).describe_vpcs(
                    Filters=[{"Name": "is-default", "Values": ["true"]}]
                )

    def _sort_by_account(self) -> None:
        truth = self.truth
        for rows, name in (
            (truth.iam_users, "name"),
            (truth.iam_roles, "name"),
            (truth.iam_groups, "name"),
            (truth.iam_policies, "name"),
            (truth.volumes, "id"),
            (truth.kms_keys, "key_id"),
            (truth.trails, "name"),
            (truth.rds_instances, "id"),
            (truth.rds_clusters, "id"),
            (truth.rds_snapshots, "id"),
            (truth.lambda_functions, "name"),
        ):
            rows.sort(
                key=lambda row, name=name: (row["account_id"], row.get("region", ""), row[name])
            )

    def _session_for(self, account_id: str) -> Any:
        if account_id == self.truth.management_account:
            return self.management
        sts = self.client(self.management, "sts")
        creds = sts.assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/{ROLE_NAME}", RoleSessionName="sandbox-seed"
        )["Credentials"]
        return self._session(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])

    def plant(
        self,
        planted: list[str] | None,
        account_id: str,
        region: str,
        resource_id: str,
        resource_type: str,
    ) -> None:
        for check in planted or []:
            self.truth.planted.append(
                {
                    "check": check,
                    "account_id": account_id,
                    "region": region,
                    "resource_id": resource_id,
                    "resource_type": resource_type,
                }
            )

    # -- organization ----------------------------------------------------------------------
    def _organization(self) -> None:
        spec = self.estate.get("organization", {})
        orgs = self.client(self.management, "organizations", "us-east-1")
        identity = self.client(self.management, "sts").get_caller_identity()
        management_id = identity["Account"]
        self.truth.management_account = management_id
        org = orgs.create_organization(FeatureSet="ALL")["Organization"]
        self.truth.organization_id = org["Id"]
        root = orgs.list_roots()["Roots"][0]
        self.truth.root_id = root["Id"]
        if not any(
            p["Type"] == "SERVICE_CONTROL_POLICY" and p["Status"] == "ENABLED"
            for p in root.get("PolicyTypes", [])
        ):
            orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
        parents = {"Root": root["Id"]}
        # The management account keeps the name and email AWS gave it at sign-up.
        actual = orgs.describe_account(AccountId=management_id)["Account"]
        management = {
            **spec.get("management", {"key": "management"}),
            "name": actual["Name"],
            "email": actual["Email"],
        }
        self.account_ids[management["key"]] = management_id
        self._record_account(management, management_id, root["Id"], "Root", is_management=True)
        self.plant(management.get("planted"), management_id, "global", management_id, "account")

        def create_accounts(accounts: list[dict[str, Any]], parent_id: str, path: str) -> None:
            for account in accounts:
                status = orgs.create_account(AccountName=account["name"], Email=account["email"])[
                    "CreateAccountStatus"
                ]
                account_id = status["AccountId"]
                if parent_id != root["Id"]:
                    orgs.move_account(
                        AccountId=account_id,
                        SourceParentId=root["Id"],
                        DestinationParentId=parent_id,
                    )
                self.account_ids[account["key"]] = account_id
                self._record_account(account, account_id, parent_id, path)
                self.plant(account.get("planted"), management_id, "global", account_id, "account")

        def create_ous(ous: list[dict[str, Any]], parent_id: str, path: str, depth: int) -> None:
            for ou in ous:
                created = orgs.create_organizational_unit(ParentId=parent_id, Name=ou["name"])[
                    "OrganizationalUnit"
                ]
                ou_path = f"{path}/{ou['name']}"
                parents[ou["name"]] = created["Id"]
                self.truth.organizational_units.append(
                    {
                        "id": created["Id"],
                        "name": ou["name"],
                        "parent_id": parent_id,
                        "path": ou_path,
                        "depth": depth,
                    }
                )
                self.plant(
                    ou.get("planted"), management_id, "global", created["Id"], "organizational_unit"
                )
                create_accounts(ou.get("accounts", []), created["Id"], ou_path)
                create_ous(ou.get("ous", []), created["Id"], ou_path, depth + 1)

        create_ous(spec.get("ous", []), root["Id"], "Root", 1)
        create_accounts(spec.get("root_accounts", []), root["Id"], "Root")

        targets_by_name = {**parents, **self.account_ids}
        for policy in spec.get("policies", []):
            created = orgs.create_policy(
                Content=json.dumps(policy["content"]),
                Description=policy.get("description", ""),
                Name=policy["name"],
                Type="SERVICE_CONTROL_POLICY",
            )["Policy"]["PolicySummary"]
            targets = []
            for target in policy.get("targets", []):
                target_id = targets_by_name[target]
                orgs.attach_policy(PolicyId=created["Id"], TargetId=target_id)
                targets.append(target_id)
            self.truth.policies.append(
                {"id": created["Id"], "name": policy["name"], "targets": sorted(targets)}
            )
            self.plant(policy.get("planted"), management_id, "global", created["Id"], "policy")

    def _record_account(
        self,
        spec: dict[str, Any],
        account_id: str,
        parent_id: str,
        path: str,
        is_management: bool = False,
    ) -> None:
        self.truth.accounts.append(
            {
                "key": spec["key"],
                "id": account_id,
                "name": spec.get("name", spec["key"]),
                "email": spec.get("email"),
                "parent_id": parent_id,
                "ou_path": path,
                "is_management": is_management,
            }
        )

    # -- per account -----------------------------------------------------------------------
    def _account(self, key: str, spec: dict[str, Any]) -> None:
        session, account_id = self.sessions[key], self.account_ids[key]
        if "s3_account_public_access_block" in spec:
            enabled = spec["s3_account_public_access_block"]
            self.client(session, "s3control").put_public_access_block(
                AccountId=account_id,
                PublicAccessBlockConfiguration={
                    "BlockPublicAcls": enabled,
                    "IgnorePublicAcls": enabled,
                    "BlockPublicPolicy": enabled,
                    "RestrictPublicBuckets": enabled,
                },
            )
            self.truth.account_public_access_block[account_id] = enabled
        log_targets = {b["logging"] for b in spec.get("buckets", []) if b.get("logging")}
        for bucket in spec.get("buckets", []):
            self._bucket(session, account_id, bucket, bucket["name"] in log_targets)
        for bucket in spec.get("buckets", []):  # targets exist only once every bucket does
            if bucket.get("logging"):
                s3 = self.client(session, "s3", bucket.get("region", self.regions[0]))
                s3.put_bucket_logging(
                    Bucket=bucket["name"],
                    BucketLoggingStatus={
                        "LoggingEnabled": {
                            "TargetBucket": bucket["logging"],
                            "TargetPrefix": f"{bucket['name']}/",
                        }
                    },
                )
        self._iam(session, account_id, spec)  # before instances: they take instance profiles
        for vpc in spec.get("vpcs", []):
            self._vpc(session, account_id, vpc)
        seed_account(self, session, account_id, spec)

    def _bucket(
        self, session: Any, account_id: str, spec: dict[str, Any], log_target: bool
    ) -> None:
        name, region = spec["name"], spec.get("region", self.regions[0])
        s3 = self.client(session, "s3", region)
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
        if statements:
            text = json.dumps({"Version": "2012-10-17", "Statement": statements})
            text = text.replace("{bucket}", name).replace("{org_id}", self.truth.organization_id)
            s3.put_bucket_policy(Bucket=name, Policy=text)
        encryption = spec.get("encryption", "none")
        if encryption != "none":
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
        self.truth.buckets.append(
            {
                "account_id": account_id,
                "name": name,
                "region": region,
                "acl_all_users": all_users,
                "acl_authenticated_users": authenticated,
                "policy": policy_name,
                "policy_public": policy_public,
                "encryption": None if encryption == "none" else encryption,
                "versioning": "Enabled" if spec.get("versioning") else "Disabled",
                "logging_target_bucket": spec.get("logging"),
                "public_access_block": pab,
                "object_ownership": ownership,
            }
        )
        self.plant(spec.get("planted"), account_id, region, name, "s3_bucket")

    def _image(self, ec2: Any, region: str) -> str:
        """The lowest id of Amazon's images in the region, asked once a region.

        Asked by id prefix first: the whole list (1,300 images) takes seconds to serialize,
        and ids are hex, so the lowest id is among those with the longest prefix that has any.
        """
        with self._lock:
            if region not in self._images:
                for prefix in ("ami-000", "ami-00", "ami-0", "ami-"):
                    images = ec2.describe_images(
                        Owners=["amazon"], Filters=[{"Name": "image-id", "Values": [prefix + "*"]}]
                    )["Images"]
                    if images:
                        self._images[region] = min(i["ImageId"] for i in images)
                        break
                else:
                    raise RuntimeError(f"the sandbox offers no Amazon image in {region}")
            return self._images[region]

    def _vpc(self, session: Any, account_id: str, spec: dict[str, Any]) -> None:
        region = spec.get("region", self.regions[0])
        ec2 = self.client(session, "ec2", region)

        def tagged(kind: str, name: str) -> list[dict[str, Any]]:
            return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]

        vpc_id = ec2.create_vpc(
            CidrBlock=spec["cidr"], TagSpecifications=tagged("vpc", spec["name"])
        )["Vpc"]["VpcId"]
        igw = ec2.create_internet_gateway(
            TagSpecifications=tagged("internet-gateway", f"{spec['name']}-igw")
        )
        igw_id = igw["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
        public_rt = ec2.create_route_table(
            VpcId=vpc_id, TagSpecifications=tagged("route-table", f"{spec['name']}-public")
        )
        public_rt_id = public_rt["RouteTable"]["RouteTableId"]
        ec2.create_route(
            RouteTableId=public_rt_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id
        )
        subnets: dict[str, str] = {}
        vpc_truth: dict[str, Any] = {
            "account_id": account_id,
            "region": region,
            "id": vpc_id,
            "name": spec["name"],
            "cidr": spec["cidr"],
            "internet_gateway_id": igw_id,
            "subnets": [],
            "security_groups": [],
            "instances": [],
        }
        for index, subnet in enumerate(spec.get("subnets", [])):
            zone = f"{region}{subnet.get('zone', 'abc'[index % 3])}"
            subnet_id = ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=subnet["cidr"],
                AvailabilityZone=zone,
                TagSpecifications=tagged("subnet", subnet["name"]),
            )["Subnet"]["SubnetId"]
            subnets[subnet["name"]] = subnet_id
            if subnet.get("public"):
                ec2.associate_route_table(RouteTableId=public_rt_id, SubnetId=subnet_id)
            vpc_truth["subnets"].append(
                {
                    "id": subnet_id,
                    "name": subnet["name"],
                    "cidr": subnet["cidr"],
                    "public": bool(subnet.get("public")),
                    "zone": zone,
                }
            )
            self.plant(subnet.get("planted"), account_id, region, subnet_id, "subnet")
        groups: dict[str, str] = {}
        for group in spec.get("security_groups", []):
            group_id = ec2.create_security_group(
                GroupName=group["name"],
                Description=group.get("description", group["name"]),
                VpcId=vpc_id,
                TagSpecifications=tagged("security-group", group["name"]),
            )["GroupId"]
            groups[group["name"]] = group_id
            permissions = [_permission(rule) for rule in group.get("ingress", [])]
            if permissions:
                ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=permissions)
            vpc_truth["security_groups"].append(
                {
                    "id": group_id,
                    "name": group["name"],
                    "ingress": [dict(rule) for rule in group.get("ingress", [])],
                }
            )
            self.plant(group.get("planted"), account_id, region, group_id, "security_group")
        if spec.get("flow_logs"):  # the bucket the VPC's flow logs go to
            answer = ec2.create_flow_logs(
                ResourceIds=[vpc_id],
                ResourceType="VPC",
                TrafficType="ALL",
                LogDestinationType="s3",
                LogDestination=f"arn:aws:s3:::{spec['flow_logs']}",
            )
            if answer.get("Unsuccessful"):
                raise RuntimeError(f"flow logs for {spec['name']}: {answer['Unsuccessful']}")
            vpc_truth["flow_log_id"] = answer["FlowLogIds"][0]
        if spec.get("nat_gateway"):
            public = next(s["id"] for s in vpc_truth["subnets"] if s["public"])
            allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
            nat_id = ec2.create_nat_gateway(SubnetId=public, AllocationId=allocation)["NatGateway"][
                "NatGatewayId"
            ]
            private_rt = ec2.create_route_table(
                VpcId=vpc_id, TagSpecifications=tagged("route-table", f"{spec['name']}-private")
            )["RouteTable"]["RouteTableId"]
            ec2.create_route(
                RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat_id
            )
            for subnet in vpc_truth["subnets"]:
                if not subnet["public"]:
                    ec2.associate_route_table(RouteTableId=private_rt, SubnetId=subnet["id"])
            vpc_truth["nat_gateway_id"] = nat_id
        for instance in spec.get("instances", []):
            extra: dict[str, Any] = {}
            if instance.get("instance_profile"):
                extra["IamInstanceProfile"] = {"Name": instance["instance_profile"]}
            interface: dict[str, Any] = {
                "DeviceIndex": 0,
                "SubnetId": subnets[instance["subnet"]],
                "AssociatePublicIpAddress": bool(instance.get("public_ip")),
                "Groups": [groups[g] for g in instance.get("security_groups", [])],
            }
            count = instance.get("count", 1)
            if count < 1:
                continue
            launched = ec2.run_instances(
                ImageId=self._image(ec2, region),
                InstanceType=instance.get("type", "t3.micro"),
                MinCount=count,
                MaxCount=count,
                NetworkInterfaces=[interface],
                MetadataOptions={
                    "HttpTokens": "required" if instance.get("imds_v2", True) else "optional",
                    "HttpEndpoint": "enabled",
                },
                TagSpecifications=tagged("instance", instance["name"]),
                **extra,
            )["Instances"]
            for created in launched:
                vpc_truth["instances"].append(
                    {
                        "id": created["InstanceId"],
                        "name": instance["name"],
                        "subnet_id": subnets[instance["subnet"]],
                        "security_group_ids": sorted(interface["Groups"]),
                        "public_ip": bool(instance.get("public_ip")),
                        "imds_v2": instance.get("imds_v2", True),
                        "instance_profile": instance.get("instance_profile"),
                    }
                )
                self.plant(
                    instance.get("planted"), account_id, region, created["InstanceId"], "instance"
                )
        self.truth.vpcs.append(vpc_truth)
        self.plant(spec.get("planted"), account_id, region, vpc_id, "vpc")

    def _iam(self, session: Any, account_id: str, spec: dict[str, Any]) -> None:
        iam = self.client(session, "iam", "us-east-1")

        def arn(policy: str) -> str:
            return (
                policy
                if policy.startswith("arn:")
                else f"arn:aws:iam::{account_id}:policy/{policy}"
            )

        for policy in spec.get("iam_policies", []):
            made = iam.create_policy(
                PolicyName=policy["name"],
                PolicyDocument=json.dumps(policy["document"]),
                Description=policy.get("description", policy["name"]),
            )["Policy"]
            self.truth.iam_policies.append(
                {"account_id": account_id, "name": policy["name"], "arn": made["Arn"]}
            )
            self.plant(policy.get("planted"), account_id, "global", made["Arn"], "iam_policy")
        key_ages: dict[str, int] = {}
        for user in spec.get("iam_users", []):
            iam.create_user(UserName=user["name"])
            keys = [
                iam.create_access_key(UserName=user["name"])["AccessKey"]["AccessKeyId"]
                for _ in range(user.get("access_keys", 0))
            ]
            if keys and user.get("access_key_age_days"):
                key_ages[user["name"]] = user["access_key_age_days"]
            if user.get("console"):
                iam.create_login_profile(UserName=user["name"], Password="Sandbox-Passw0rd!")
            if user.get("mfa"):
                device = iam.create_virtual_mfa_device(VirtualMFADeviceName=user["name"])[
                    "VirtualMFADevice"
                ]
                iam.enable_mfa_device(
                    UserName=user["name"],
                    SerialNumber=device["SerialNumber"],
                    AuthenticationCode1="123456",
                    AuthenticationCode2="654321",
                )
            for policy in user.get("policies", []):
                iam.attach_user_policy(UserName=user["name"], PolicyArn=arn(policy))
            if user.get("inline_policy"):
                iam.put_user_policy(
                    UserName=user["name"],
                    PolicyName=f"{user['name']}-inline",
                    PolicyDocument=json.dumps(user["inline_policy"]),
                )
            self.truth.iam_users.append(
                {
                    "account_id": account_id,
                    "name": user["name"],
                    "mfa": bool(user.get("mfa")),
                    "access_keys": keys,
                    "access_key_age_days": user.get("access_key_age_days", 0) if keys else None,
                    "console": bool(user.get("console")),
                    "policies": [arn(p) for p in user.get("policies", [])],
                    "inline_policy": bool(user.get("inline_policy")),
                }
            )
            self.plant(user.get("planted"), account_id, "global", user["name"], "iam_user")
        for group in spec.get("iam_groups", []):
            iam.create_group(GroupName=group["name"])
            for member in group.get("users", []):
                iam.add_user_to_group(GroupName=group["name"], UserName=member)
            for policy in group.get("policies", []):
                iam.attach_group_policy(GroupName=group["name"], PolicyArn=arn(policy))
            self.truth.iam_groups.append(
                {
                    "account_id": account_id,
                    "name": group["name"],
                    "users": list(group.get("users", [])),
                    "policies": [arn(p) for p in group.get("policies", [])],
                }
            )
            self.plant(group.get("planted"), account_id, "global", group["name"], "iam_group")
        for role in spec.get("iam_roles", []):
            principal = (
                {"Service": role["trust_service"]}
                if "trust_service" in role
                else {"AWS": f"arn:aws:iam::{role['trust_account']}:root"}
            )
            trust = {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
                ],
            }
            iam.create_role(RoleName=role["name"], AssumeRolePolicyDocument=json.dumps(trust))
            for policy in role.get("policies", []):
                iam.attach_role_policy(RoleName=role["name"], PolicyArn=arn(policy))
            if role.get("trust_service") == "ec2.amazonaws.com":
                iam.create_instance_profile(InstanceProfileName=role["name"])
                iam.add_role_to_instance_profile(
                    InstanceProfileName=role["name"], RoleName=role["name"]
                )
            self.truth.iam_roles.append(
                {
                    "account_id": account_id,
                    "name": role["name"],
                    "trust": principal,
                    "policies": [arn(p) for p in role.get("policies", [])],
                }
            )
            self.plant(role.get("planted"), account_id, "global", role["name"], "iam_role")
        policy = spec.get("iam_password_policy")
        if policy is not None:
            settings = {k: v for k, v in policy.items() if k != "planted"}
            iam.update_account_password_policy(
                MinimumPasswordLength=settings.get("minimum_length", 8),
                RequireSymbols=settings.get("require_symbols", False),
                RequireNumbers=settings.get("require_numbers", False),
                RequireUppercaseCharacters=settings.get("require_uppercase", False),
                RequireLowercaseCharacters=settings.get("require_lowercase", False),
                AllowUsersToChangePassword=True,
                **(
                    {"MaxPasswordAge": settings["max_age_days"]}
                    if "max_age_days" in settings
                    else {}
                ),
                **(
                    {"PasswordReusePrevention": settings["reuse_prevention"]}
                    if "reuse_prevention" in settings
                    else {}
                ),
            )
            self.plant(policy.get("planted"), account_id, "global", account_id, "account")
        self.truth.password_policies[account_id] = (
            None if policy is None else {k: v for k, v in policy.items() if k != "planted"}
        )
        root = spec.get("iam_root", {})
        self.truth.root[account_id] = {
            "mfa": bool(root.get("mfa", True)),
            "access_keys": bool(root.get("access_keys", False)),
        }
        self.plant(root.get("planted"), account_id, "global", account_id, "account")
        self._post_control(
            "/_sandbox/iam",
            {
                "account": account_id,
                "root_mfa": self.truth.root[account_id]["mfa"],
                "root_access_keys": self.truth.root[account_id]["access_keys"],
                "key_ages": key_ages,
            },
        )

    def _post_control(self, path: str, body: dict[str, Any]) -> None:
        import urllib.request

        request = urllib.request.Request(
            self.endpoint_url + path, data=json.dumps(body).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    # -- IAM Identity Center ---------------------------------------------------------------
    def _identity_center(self) -> None:
        spec = self.estate.get("identity_center")
        if not spec:
            return
        region = spec.get("region", self.regions[0])
        admin = self.client(self.management, "sso-admin", region)
        store = self.client(self.management, "identitystore", region)
        instance = admin.list_instances()["Instances"][0]
        instance_arn, store_id = instance["InstanceArn"], instance["IdentityStoreId"]
        management = self.truth.management_account
        sso: dict[str, Any] = {
            "instance_arn": instance_arn,
            "identity_store_id": store_id,
            "region": region,
        }
        users: dict[str, str] = {}
        for user in spec.get("users", []):
            first, _, last = user.get("display_name", user["user_name"]).partition(" ")
            user_id = store.create_user(
                IdentityStoreId=store_id,
                UserName=user["user_name"],
                DisplayName=user.get("display_name", user["user_name"]),
                Name={"GivenName": first, "FamilyName": last or first},
                Emails=[
                    {
                        "Value": user.get("email", f"{user['user_name']}@example.com"),
                        "Type": "work",
                        "Primary": True,
                    }
                ],
            )["UserId"]
            users[user["user_name"]] = user_id
            self.plant(user.get("planted"), management, region, user_id, "sso_user")
        groups: dict[str, str] = {}
        memberships = []
        for group in spec.get("groups", []):
            group_id = store.create_group(
                IdentityStoreId=store_id,
                DisplayName=group["name"],
                Description=group.get("description", group["name"]),
            )["GroupId"]
            groups[group["name"]] = group_id
            for member in group.get("members", []):
                store.create_group_membership(
                    IdentityStoreId=store_id, GroupId=group_id, MemberId={"UserId": users[member]}
                )
                memberships.append(
                    {
                        "group_id": group_id,
                        "group": group["name"],
                        "user_id": users[member],
                        "user": member,
                    }
                )
            self.plant(group.get("planted"), management, region, group_id, "sso_group")
        permission_sets: dict[str, str] = {}
        for pset in spec.get("permission_sets", []):
            arn = admin.create_permission_set(
                Name=pset["name"],
                Description=pset.get("description", pset["name"]),
                InstanceArn=instance_arn,
                SessionDuration=pset.get("session_duration", "PT1H"),
            )["PermissionSet"]["PermissionSetArn"]
            permission_sets[pset["name"]] = arn
            for policy in pset.get("managed_policies", []):
                admin.attach_managed_policy_to_permission_set(
                    InstanceArn=instance_arn, PermissionSetArn=arn, ManagedPolicyArn=policy
                )
            if pset.get("inline_policy"):
                admin.put_inline_policy_to_permission_set(
                    InstanceArn=instance_arn,
                    PermissionSetArn=arn,
                    InlinePolicy=json.dumps(pset["inline_policy"]),
                )
            self.plant(pset.get("planted"), management, region, arn, "sso_permission_set")
        assignments = []
        for assignment in spec.get("assignments", []):
            account_id = self.account_ids[assignment["account"]]
            if "group" in assignment:
                principal_type, principal_id, principal = (
                    "GROUP",
                    groups[assignment["group"]],
                    assignment["group"],
                )
            else:
                principal_type, principal_id, principal = (
                    "USER",
                    users[assignment["user"]],
                    assignment["user"],
                )
            admin.create_account_assignment(
                InstanceArn=instance_arn,
                TargetId=account_id,
                TargetType="AWS_ACCOUNT",
                PermissionSetArn=permission_sets[assignment["permission_set"]],
                PrincipalType=principal_type,
                PrincipalId=principal_id,
            )
            assignments.append(
                {
                    "account_id": account_id,
                    "permission_set": assignment["permission_set"],
                    "permission_set_arn": permission_sets[assignment["permission_set"]],
                    "principal_type": principal_type,
                    "principal_id": principal_id,
                    "principal_name": principal,
                }
            )
            resource = f"{account_id}/{assignment['permission_set']}/{principal_type}/{principal}"
            self.plant(
                assignment.get("planted"), management, region, resource, "sso_account_assignment"
            )
        sso.update(
            users=users,
            groups=groups,
            permission_sets=permission_sets,
            memberships=memberships,
            assignments=assignments,
        )
        self.truth.identity_center = sso


def _permission(rule: dict[str, Any]) -> dict[str, Any]:
    protocol = str(rule.get("protocol", "tcp"))
    ports = str(rule.get("ports", "all"))
    permission: dict[str, Any] = {"IpProtocol": "-1" if protocol in ("all", "-1") else protocol}
    if permission["IpProtocol"] != "-1":
        low, _, high = ports.partition("-")
        permission.update(FromPort=int(low), ToPort=int(high or low))
    cidr = rule.get("cidr", "0.0.0.0/0")
    entry: dict[str, Any] = {"CidrIp": cidr}
    if rule.get("description"):
        entry["Description"] = rule["description"]
    permission["IpRanges"] = [entry]
    return permission
