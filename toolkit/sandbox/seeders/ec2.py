"""Amazon EC2: customer managed prefix lists; VPCs (IPv6 or not) with their subnets, route
tables, security groups, network ACLs, flow logs, NAT gateways and instances; EBS volumes and
encryption by default; and every region's default VPC.

VPCs are seeded after IAM (instances take instance profiles) and volumes after KMS. Default
VPCs are made last, for every account and region in a fixed order (see
``seed_default_networks``). A security group rule allows one source: an IPv4 range (``cidr``,
0.0.0.0/0 when none is named), an IPv6 range, a prefix list of the account or a group of the
same VPC made before it (or itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

RULE = {
    "protocol": str,
    "ports": (int, str),
    "cidr": str,
    "cidr_ipv6": str,
    "prefix_list": str,
    "group": str,
    "description": str,
}
SECURITY_GROUP = {"name": str, "description": str, "ingress": [RULE], "planted": PLANTED}
#: A network ACL entry; ``ports`` is one port or "low-high", left out for protocol all.
ACL_ENTRY = {
    "rule": int,
    "egress": bool,
    "protocol": str,
    "ports": (int, str),
    "cidr": str,
    "cidr_ipv6": str,
    "action": str,
}
NETWORK_ACL = {"name": str, "subnets": [str], "entries": [ACL_ENTRY], "planted": PLANTED}
PREFIX_LIST = {
    "name": str,
    "region": str,
    "entries": [{"cidr": str, "description": str}],
    "planted": PLANTED,
}
#: Network ACL protocols by name, as AWS states them (IP protocol numbers).
ACL_PROTOCOLS = {"all": "-1", "-1": "-1", "tcp": "6", "udp": "17", "icmp": "1"}
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
    #: Whether the VPC has an Amazon-provided IPv6 block.
    "ipv6": bool,
    "network_acls": [NETWORK_ACL],
    "planted": PLANTED,
}
VOLUME = {"name": str, "region": str, "size": int, "encrypted": bool, "planted": PLANTED}
ACCOUNT_SCHEMA = {
    "ec2_prefix_lists": [PREFIX_LIST],
    "vpcs": [VPC],
    "volumes": [VOLUME],
    "ebs_encryption_by_default": [str],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"volumes": "id", "prefix_lists": "id"}


@dataclass
class Ec2Truth:
    #: one per VPC, holding its subnets, security groups, network ACLs and instances
    vpcs: list[dict[str, Any]] = field(default_factory=list)
    #: customer managed prefix lists: id, name, cidrs
    prefix_lists: list[dict[str, Any]] = field(default_factory=list)
    volumes: list[dict[str, Any]] = field(default_factory=list)
    #: account id -> the regions where EBS encryption by default is on
    ebs_encryption_by_default: dict[str, list[str]] = field(default_factory=dict)


def seed_vpcs(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's prefix lists (security group rules name them), then its VPCs."""
    prefix_lists: dict[tuple[str, str], str] = {}  # (region, name) -> id
    for listed in spec.get("ec2_prefix_lists", []):
        region = listed.get("region", seeder.regions[0])
        entries = [
            {"Cidr": e["cidr"], **({"Description": e["description"]} if "description" in e else {})}
            for e in listed.get("entries", [])
        ]
        made = seeder.client(session, "ec2", region).create_managed_prefix_list(
            PrefixListName=listed["name"],
            AddressFamily="IPv4",
            MaxEntries=max(len(entries), 1) * 2,
            Entries=entries,
        )["PrefixList"]
        prefix_lists[region, listed["name"]] = made["PrefixListId"]
        seeder.truth.prefix_lists.append(
            {
                "account_id": account_id,
                "region": region,
                "id": made["PrefixListId"],
                "name": listed["name"],
                "cidrs": [e["Cidr"] for e in entries],
            }
        )
        seeder.plant(listed.get("planted"), account_id, region, made["PrefixListId"], "prefix_list")
    for vpc in spec.get("vpcs", []):
        _vpc(seeder, session, account_id, vpc, prefix_lists)


def _vpc(
    seeder: Seeder,
    session: Any,
    account_id: str,
    spec: dict[str, Any],
    prefix_lists: dict[tuple[str, str], str],
) -> None:
    region = spec.get("region", seeder.regions[0])
    ec2 = seeder.client(session, "ec2", region)

    def tagged(kind: str, name: str) -> list[dict[str, Any]]:
        return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]

    vpc = ec2.create_vpc(
        CidrBlock=spec["cidr"],
        AmazonProvidedIpv6CidrBlock=bool(spec.get("ipv6")),
        TagSpecifications=tagged("vpc", spec["name"]),
    )
    vpc_id = vpc["Vpc"]["VpcId"]
    ipv6 = [a["Ipv6CidrBlock"] for a in vpc["Vpc"].get("Ipv6CidrBlockAssociationSet") or []]
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
        "ipv6_cidr": ipv6[0] if ipv6 else None,
        "internet_gateway_id": igw_id,
        "subnets": [],
        "security_groups": [],
        "network_acls": [],
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
        sources = [_source(rule, groups, prefix_lists, region) for rule in group.get("ingress", [])]
        permissions = [
            _permission(rule, source)
            for rule, source in zip(group.get("ingress", []), sources, strict=True)
        ]
        # one rule a call: the answer names it (moto answers only a call's last permission)
        rule_ids = [
            ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[permission])[
                "SecurityGroupRules"
            ][0]["SecurityGroupRuleId"]
            for permission in permissions
        ]
        vpc_truth["security_groups"].append(
            {
                "id": group_id,
                "name": group["name"],
                # each rule as the estate says it, with the id of the group or list it names
                # and AWS's id of the rule
                "ingress": [
                    {
                        **rule,
                        **({source[0]: source[1]} if source[0].endswith("_id") else {}),
                        "rule_id": rule_id,
                    }
                    for rule, source, rule_id in zip(
                        group.get("ingress", []), sources, rule_ids, strict=True
                    )
                ],
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
    for acl in spec.get("network_acls", []):
        vpc_truth["network_acls"].append(
            _network_acl(seeder, ec2, account_id, region, vpc_id, acl, subnets)
        )
    seeder.truth.vpcs.append(vpc_truth)
    seeder.plant(spec.get("planted"), account_id, region, vpc_id, "vpc")


def _network_acl(
    seeder: Seeder,
    ec2: Any,
    account_id: str,
    region: str,
    vpc_id: str,
    spec: dict[str, Any],
    subnets: dict[str, str],
) -> dict[str, Any]:
    """A network ACL with its entries, then governing the subnets named (in place of the VPC's
    default ACL); its truth row, entries as AWS states them."""
    acl_id = ec2.create_network_acl(
        VpcId=vpc_id,
        TagSpecifications=[
            {"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": spec["name"]}]}
        ],
    )["NetworkAcl"]["NetworkAclId"]
    entries = []
    for entry in spec.get("entries", []):
        protocol = ACL_PROTOCOLS.get(str(entry.get("protocol", "all")), str(entry.get("protocol")))
        made: dict[str, Any] = {
            "RuleNumber": entry["rule"],
            "Egress": bool(entry.get("egress")),
            "Protocol": protocol,
            "RuleAction": entry.get("action", "allow"),
        }
        if "cidr_ipv6" in entry:
            made["Ipv6CidrBlock"] = entry["cidr_ipv6"]
        else:
            made["CidrBlock"] = entry.get("cidr", "0.0.0.0/0")
        if protocol != "-1" and "ports" in entry:
            low, _, high = str(entry["ports"]).partition("-")
            made["PortRange"] = {"From": int(low), "To": int(high or low)}
        ec2.create_network_acl_entry(NetworkAclId=acl_id, **made)
        entries.append(
            {
                "rule_number": made["RuleNumber"],
                "egress": made["Egress"],
                "protocol": protocol,
                "rule_action": made["RuleAction"],
                "cidr_block": made.get("CidrBlock"),
                "ipv6_cidr_block": made.get("Ipv6CidrBlock"),
                "from_port": made.get("PortRange", {}).get("From"),
                "to_port": made.get("PortRange", {}).get("To"),
            }
        )
    subnet_ids = [subnets[name] for name in spec.get("subnets", [])]
    if subnet_ids:
        current = ec2.describe_network_acls(
            Filters=[{"Name": "association.subnet-id", "Values": subnet_ids}]
        )["NetworkAcls"]
        for association in (a for acl in current for a in acl.get("Associations") or []):
            if association.get("SubnetId") in subnet_ids:
                ec2.replace_network_acl_association(
                    AssociationId=association["NetworkAclAssociationId"], NetworkAclId=acl_id
                )
    seeder.plant(spec.get("planted"), account_id, region, acl_id, "network_acl")
    return {"id": acl_id, "name": spec["name"], "subnet_ids": subnet_ids, "entries": entries}


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


def _source(
    rule: dict[str, Any],
    groups: dict[str, str],
    prefix_lists: dict[tuple[str, str], str],
    region: str,
) -> tuple[str, str]:
    """What a rule allows, as (kind, value): cidr, cidr_ipv6, prefix_list_id or group_id."""
    if "group" in rule:
        if rule["group"] not in groups:
            raise ValueError(f"rule names group {rule['group']!r}, not made before it in its VPC")
        return "group_id", groups[rule["group"]]
    if "prefix_list" in rule:
        return "prefix_list_id", prefix_lists[region, rule["prefix_list"]]
    if "cidr_ipv6" in rule:
        return "cidr_ipv6", rule["cidr_ipv6"]
    return "cidr", rule.get("cidr", "0.0.0.0/0")


#: Where an IpPermission names each kind of source, and the field that holds it.
PERMISSION_SOURCES = {
    "cidr": ("IpRanges", "CidrIp"),
    "cidr_ipv6": ("Ipv6Ranges", "CidrIpv6"),
    "prefix_list_id": ("PrefixListIds", "PrefixListId"),
    "group_id": ("UserIdGroupPairs", "GroupId"),
}


def _permission(rule: dict[str, Any], source: tuple[str, str]) -> dict[str, Any]:
    """An ingress rule of the estate as an EC2 IpPermission allowing ``source``."""
    protocol = str(rule.get("protocol", "tcp"))
    ports = str(rule.get("ports", "all"))
    permission: dict[str, Any] = {"IpProtocol": "-1" if protocol in ("all", "-1") else protocol}
    if permission["IpProtocol"] != "-1":
        low, _, high = ports.partition("-")
        permission.update(FromPort=int(low), ToPort=int(high or low))
    where, key = PERMISSION_SOURCES[source[0]]
    entry: dict[str, Any] = {key: source[1]}
    if rule.get("description"):
        entry["Description"] = rule["description"]
    permission[where] = [entry]
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
