"""Amazon EC2 compute resources beside the instances: EBS snapshots the account owns (public,
shared with accounts, encrypted or not), launch templates (IMDSv2, public IPs, user data) and
transit gateways (accepting shared attachments by themselves or not).

A per-account step seeded after every earlier one, and after KMS (an encrypted snapshot names
a key by its alias) and EC2 (templates launch the image the instances were launched from). A
snapshot is taken of a volume made for it and deleted after (as AWS allows): the volume is no
resource of the estate, its snapshot is.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import kms
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

EBS_SNAPSHOT = {
    "name": str,
    "region": str,
    "size": int,
    #: The alias of the account's KMS key that encrypts it; unencrypted without one.
    "kms_key": str,
    #: Anyone may create a volume from it (createVolumePermission group all).
    "public": bool,
    #: Estate account keys it is shared with (createVolumePermission user ids).
    "shared_with": [str],
    "planted": PLANTED,
}
LAUNCH_TEMPLATE = {
    "name": str,
    "region": str,
    "instance_type": str,
    #: MetadataOptions.HttpTokens required (IMDSv2 only) or optional.
    "imds_v2": bool,
    #: Its network interface asks for a public IPv4 address.
    "public_ip": bool,
    "user_data": str,
    #: Its root volume sets Encrypted true.
    "encrypted_volume": bool,
    "planted": PLANTED,
}
TRANSIT_GATEWAY = {
    "name": str,
    "region": str,
    "description": str,
    "auto_accept_shared_attachments": bool,
    "planted": PLANTED,
}
IMAGE = {
    "name": str,
    #: An instance of the account, by name: the image is made from it.
    "instance": str,
    "description": str,
    "planted": PLANTED,
}
VPC_ENDPOINT = {
    "name": str,
    #: A VPC of the account, by name (its region is the endpoint's).
    "vpc": str,
    #: The service's short name: ec2 is com.amazonaws.REGION.ec2.
    "service": str,
    #: Interface or Gateway.
    "type": str,
    #: Subnets and security groups of the VPC, by name (interface endpoints).
    "subnets": [str],
    "security_groups": [str],
    "private_dns": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "ebs_snapshots": [EBS_SNAPSHOT],
    "launch_templates": [LAUNCH_TEMPLATE],
    "transit_gateways": [TRANSIT_GATEWAY],
    "vpc_endpoints": [VPC_ENDPOINT],
    "images": [IMAGE],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {
    "ebs_snapshots": "snapshot_id",
    "launch_templates": "launch_template_id",
    "transit_gateways": "transit_gateway_id",
    "vpc_endpoints": "vpc_endpoint_id",
    "images": "image_id",
}
#: An image id for templates in a region where no instance was launched (never launched here).
FALLBACK_IMAGE = "ami-0123456789abcdef0"


@dataclass
class Ec2ComputeTruth:
    #: one per snapshot: id, name, encryption, KMS key, public, account ids shared with
    ebs_snapshots: list[dict[str, Any]] = field(default_factory=list)
    #: one per launch template: id, name, what its (only, default) version says
    launch_templates: list[dict[str, Any]] = field(default_factory=list)
    #: one per transit gateway: id, ARN, name, whether it auto-accepts shared attachments
    transit_gateways: list[dict[str, Any]] = field(default_factory=list)
    #: one per VPC endpoint: id, name, VPC, service name, type, subnet and group ids
    vpc_endpoints: list[dict[str, Any]] = field(default_factory=list)
    #: one per AMI the account made: id, name, the instance it was made from, its snapshots
    images: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's snapshots, launch templates, transit gateways, VPC endpoints and images,
    in that order."""
    for snapshot in spec.get("ebs_snapshots", []):
        _snapshot(seeder, session, account_id, snapshot)
    for template in spec.get("launch_templates", []):
        _launch_template(seeder, session, account_id, template)
    for gateway in spec.get("transit_gateways", []):
        _transit_gateway(seeder, session, account_id, gateway)
    for endpoint in spec.get("vpc_endpoints", []):
        _vpc_endpoint(seeder, session, account_id, endpoint)
    for image in spec.get("images", []):
        _image(seeder, session, account_id, image)


def _tags(kind: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def _snapshot(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    ec2 = seeder.client(session, "ec2", region)
    key = kms.key_arns(seeder, account_id)[spec["kms_key"]] if spec.get("kms_key") else None
    volume = ec2.create_volume(
        AvailabilityZone=f"{region}a",
        Size=spec.get("size", 8),
        Encrypted=key is not None,
        **({"KmsKeyId": key} if key else {}),
    )["VolumeId"]
    made = ec2.create_snapshot(
        VolumeId=volume,
        Description=f"Backup of {spec['name']}",
        TagSpecifications=_tags("snapshot", spec["name"]),
    )
    ec2.delete_volume(VolumeId=volume)
    shared = sorted(seeder.account_ids[k] for k in spec.get("shared_with", []))
    permissions = [{"Group": "all"}] if spec.get("public") else []
    permissions += [{"UserId": account} for account in shared]
    if permissions:
        ec2.modify_snapshot_attribute(
            SnapshotId=made["SnapshotId"],
            Attribute="createVolumePermission",
            OperationType="add",
            GroupNames=[p["Group"] for p in permissions if "Group" in p],
            UserIds=[p["UserId"] for p in permissions if "UserId" in p],
        )
    seeder.truth.ebs_snapshots.append(
        {
            "account_id": account_id,
            "region": region,
            "snapshot_id": made["SnapshotId"],
            "name": spec["name"],
            "volume_size": spec.get("size", 8),
            "encrypted": bool(made["Encrypted"]),
            "kms_key_id": key,
            "public": bool(spec.get("public")),
            "shared_with_accounts": shared,
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, made["SnapshotId"], "snapshot")


def _launch_template(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    ec2 = seeder.client(session, "ec2", region)
    image = seeder.memo("ec2.images").get(region, FALLBACK_IMAGE)
    data: dict[str, Any] = {
        "ImageId": image,
        "InstanceType": spec.get("instance_type", "t3.micro"),
        "MetadataOptions": {
            "HttpTokens": "required" if spec.get("imds_v2") else "optional",
            "HttpEndpoint": "enabled",
            "HttpPutResponseHopLimit": 1 if spec.get("imds_v2") else 2,
        },
        "NetworkInterfaces": [
            {"DeviceIndex": 0, "AssociatePublicIpAddress": bool(spec.get("public_ip"))}
        ],
        "BlockDeviceMappings": [
            {
                "DeviceName": "/dev/xvda",
                "Ebs": {"VolumeSize": 8, "Encrypted": bool(spec.get("encrypted_volume"))},
            }
        ],
    }
    if spec.get("user_data"):
        data["UserData"] = base64.b64encode(spec["user_data"].encode()).decode()
    made = ec2.create_launch_template(
        LaunchTemplateName=spec["name"],
        LaunchTemplateData=data,
        TagSpecifications=_tags("launch-template", spec["name"]),
    )["LaunchTemplate"]
    seeder.truth.launch_templates.append(
        {
            "account_id": account_id,
            "region": region,
            "launch_template_id": made["LaunchTemplateId"],
            "name": spec["name"],
            "image_id": image,
            "instance_type": data["InstanceType"],
            "imds_v2": bool(spec.get("imds_v2")),
            "public_ip": bool(spec.get("public_ip")),
            "user_data": bool(spec.get("user_data")),
            "encrypted_volume": bool(spec.get("encrypted_volume")),
        }
    )
    seeder.plant(
        spec.get("planted"), account_id, region, made["LaunchTemplateId"], "launch_template"
    )


def _transit_gateway(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    ec2 = seeder.client(session, "ec2", region)
    auto_accept = bool(spec.get("auto_accept_shared_attachments"))
    made = ec2.create_transit_gateway(
        Description=spec.get("description", spec["name"]),
        Options={"AutoAcceptSharedAttachments": "enable" if auto_accept else "disable"},
        TagSpecifications=_tags("transit-gateway", spec["name"]),
    )["TransitGateway"]
    seeder.truth.transit_gateways.append(
        {
            "account_id": account_id,
            "region": region,
            "transit_gateway_id": made["TransitGatewayId"],
            "arn": made["TransitGatewayArn"],
            "name": spec["name"],
            "auto_accept_shared_attachments": auto_accept,
        }
    )
    seeder.plant(
        spec.get("planted"), account_id, region, made["TransitGatewayId"], "transit_gateway"
    )


def _vpc_endpoint(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    vpc = next(
        (v for v in seeder.truth.vpcs if (v["account_id"], v["name"]) == (account_id, spec["vpc"])),
        None,
    )
    if vpc is None:
        raise ValueError(f"endpoint {spec['name']}: no VPC {spec['vpc']!r} in {account_id}")
    region = vpc["region"]
    ec2 = seeder.client(session, "ec2", region)
    subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
    groups = {g["name"]: g["id"] for g in vpc["security_groups"]}
    kind = spec.get("type", "Interface")
    options: dict[str, Any] = {}
    if kind == "Interface":
        options = {
            "SubnetIds": [subnets[name] for name in spec.get("subnets", [])],
            "SecurityGroupIds": [groups[name] for name in spec.get("security_groups", [])],
            "PrivateDnsEnabled": bool(spec.get("private_dns")),
        }
    service = f"com.amazonaws.{region}.{spec['service']}"
    made = ec2.create_vpc_endpoint(
        VpcId=vpc["id"],
        ServiceName=service,
        VpcEndpointType=kind,
        TagSpecifications=_tags("vpc-endpoint", spec["name"]),
        **options,
    )["VpcEndpoint"]
    seeder.truth.vpc_endpoints.append(
        {
            "account_id": account_id,
            "region": region,
            "vpc_endpoint_id": made["VpcEndpointId"],
            "name": spec["name"],
            "vpc_id": vpc["id"],
            "service_name": service,
            "type": kind,
            "subnet_ids": sorted(options.get("SubnetIds", [])),
            "security_group_ids": sorted(options.get("SecurityGroupIds", [])),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, made["VpcEndpointId"], "vpc_endpoint")


def _image(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """An AMI made from an instance of the account (AWS snapshots its volumes for it)."""
    found = [
        (vpc["region"], instance["id"])
        for vpc in seeder.truth.vpcs
        if vpc["account_id"] == account_id
        for instance in vpc["instances"]
        if instance["name"] == spec["instance"]
    ]
    if len(found) != 1:
        raise ValueError(f"image {spec['name']}: no one instance {spec['instance']!r}")
    region, instance_id = found[0]
    ec2 = seeder.client(session, "ec2", region)
    image_id = ec2.create_image(
        InstanceId=instance_id,
        Name=spec["name"],
        Description=spec.get("description", spec["name"]),
        TagSpecifications=_tags("image", spec["name"]),
    )["ImageId"]
    seeder.truth.images.append(
        {
            "account_id": account_id,
            "region": region,
            "image_id": image_id,
            "name": spec["name"],
            "instance_id": instance_id,
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, image_id, "image")
