"""Amazon EC2: VPCs with their subnets, route tables, security groups, flow logs, NAT gateways
and instances; EBS volumes and encryption by default; and every region's default VPC.

VPCs are seeded after IAM (instances take instance profiles) and volumes after KMS. Default
VPCs are made last, for every account and region in a fixed order (see
``seed_default_networks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

RULE = {"protocol": str, "ports": (int, str), "cidr": str, "description": str}
SECURITY_GROUP = {"name": str, "description": str, "ingress": [RULE], "planted": PLANTED}
SUBNET = {"name": str, "cidr": str, "public": bool, "zone": str, "planted": PLANTED}
INSTANCE = {
    "name": str,
    "subnet": str,
    "type": str,
    "security_groups": [str],
    "public_ip": bool,
    "imds_v2": bool,
    "instance_profile": str,
    #: Launch this many alike (one RunInstances): synthetic estates use it for size.
    "count": int,
    "planted": PLANTED,
}
VPC = {
    "name": str,
    "region": str,
    "cidr": str,
    "subnets": [SUBNET],
    "security_groups": [SECURITY_GROUP],
    "instances": [INSTANCE],
    "nat_gateway": bool,
    "flow_logs": str,
    "planted": PLANTED,
}
VOLUME = {"name": str, "region": str, "size": int, "encrypted": bool, "planted": PLANTED}
ACCOUNT_SCHEMA = {"vpcs": [VPC], "volumes": [VOLUME], "ebs_encryption_by_default": [str]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"volumes": "id"}


@dataclass
class Ec2Truth:
    #: one per VPC, holding its subnets, security groups and instances
    vpcs: list[dict[str, Any]] = field(default_factory=list)
    volumes: list[dict[str, Any]] = field(default_factory=list)
    #: account id -> the regions where EBS encryption by default is on
    ebs_encryption_by_default: dict[str, list[str]] = field(default_factory=dict)


def seed_vpcs(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's VPCs, one after another."""
    for vpc in spec.get("vpcs", []):
        _vpc(seeder, session, account_id, vpc)


def _vpc(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    region = spec.get("region", seeder.regions[0])
    ec2 = seeder.client(session, "ec2", region)

    def tagged(kind: str, name: str) -> list[dict[str, Any]]:
        return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]

    vpc = ec2.create_vpc(CidrBlock=spec["cidr"], TagSpecifications=tagged("vpc", spec["name"]))
    vpc_id = vpc["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway(
        TagSpecifications=tagged("internet-gateway", f"{spec['name']}-igw")
    )
    igw_id = igw["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    public_rt = ec2.create_route_table(
        VpcId=vpc_id, TagSpecifications=tagged("route-table", f"{spec['name']}-public")
    )
    public_rt_id = public_rt["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
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
        seeder.plant(subnet.get("planted"), account_id, region, subnet_id, "subnet")
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
        seeder.plant(group.get("planted"), account_id, region, group_id, "security_group")
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
            ImageId=_image(seeder, ec2, region),
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
            seeder.plant(
                instance.get("planted"), account_id, region, created["InstanceId"], "instance"
            )
    seeder.truth.vpcs.append(vpc_truth)
    seeder.plant(spec.get("planted"), account_id, region, vpc_id, "vpc")


def _image(seeder: Seeder, ec2: Any, region: str) -> str:
    """The lowest id of Amazon's images in the region, asked once a region.

    Asked by id prefix first: the whole list (1,300 images) takes seconds to serialize,
    and ids are hex, so the lowest id is among those with the longest prefix that has any.
    """
    lowest = seeder.memo("ec2.images")  # region -> image id
    with seeder.lock:
        if region not in lowest:
            for prefix in ("ami-000", "ami-00", "ami-0", "ami-"):
                images = ec2.describe_images(
                    Owners=["amazon"], Filters=[{"Name": "image-id", "Values": [prefix + "*"]}]
                )["Images"]
                if images:
                    lowest[region] = min(i["ImageId"] for i in images)
                    break
            else:
                raise RuntimeError(f"the sandbox offers no Amazon image in {region}")
        return lowest[region]


def _permission(rule: dict[str, Any]) -> dict[str, Any]:
    """An ingress rule of the estate as an EC2 IpPermission."""
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


def seed_volumes(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """EBS encryption by default in the regions listed, then the volumes."""
    enabled = spec.get("ebs_encryption_by_default", [])
    for region in enabled:
        seeder.client(session, "ec2", region).enable_ebs_encryption_by_default()
    seeder.truth.ebs_encryption_by_default[account_id] = sorted(enabled)
    for volume in spec.get("volumes", []):
        region = volume.get("region", seeder.regions[0])
        ec2 = seeder.client(session, "ec2", region)
        created = ec2.create_volume(
            AvailabilityZone=f"{region}a",
            Size=volume.get("size", 20),
            Encrypted=bool(volume.get("encrypted")),
            TagSpecifications=[
                {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": volume["name"]}]}
            ],
        )
        seeder.truth.volumes.append(
            {
                "account_id": account_id,
                "region": region,
                "id": created["VolumeId"],
                "name": volume["name"],
                "encrypted": created["Encrypted"],
            }
        )
        seeder.plant(volume.get("planted"), account_id, region, created["VolumeId"], "volume")


def seed_default_networks(seeder: Seeder) -> None:
    """Make every (account, region)'s default VPC now, in a fixed order.

    moto makes a region's default VPC, with ids from its random stream, when the region's
    EC2 is first asked; left to the first collection, the ids would follow the order in
    which concurrent requests happen to arrive.
    """
    for key in seeder.account_ids:
        for region in seeder.regions:
            seeder.client(seeder.sessions[key], "ec2", region).describe_vpcs(
                Filters=[{"Name": "is-default", "Values": ["true"]}]
            )
