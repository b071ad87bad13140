"""Amazon EC2 and VPC: instances, volumes, networks, security groups, flow logs, EBS defaults.

Per account and region, twelve calls whatever the estate's size: DescribeInstances,
DescribeVolumes, DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeInternetGateways,
DescribeNatGateways, DescribeSecurityGroups, DescribeNetworkAcls, DescribeFlowLogs,
GetEbsEncryptionByDefault and GetEbsDefaultKmsKeyId. Each Describe* is paged (1,000 items a
page; 100 for route tables), so calls grow only with the number of resources over the page size,
never per subnet, group or instance. Two answers are shared within a run: the route tables
(``ec2.subnets`` derives each subnet's route table and whether it is public from them) and the
security groups (``ec2.security_group_rules`` flattens their permissions, one row per rule).
Rules come from DescribeSecurityGroups, not DescribeSecurityGroupRules: it is read anyway for
the groups, so the rules cost no call of their own and always agree with the groups' rule
counts.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .base import TableContext, bool_or_none, table

SERVICE = "ec2"
PAGE = {"PaginationConfig": {"PageSize": 1000}}
#: DescribeRouteTables takes at most 100 a page.
ROUTE_TABLE_PAGE = {"PaginationConfig": {"PageSize": 100}}
INTERNET = ("0.0.0.0/0", "::/0")
#: Route target fields, checked in order: a route to an instance names its interface too.
ROUTE_TARGETS = (
    ("InstanceId", "instance"),
    ("NatGatewayId", "nat_gateway"),
    ("TransitGatewayId", "transit_gateway"),
    ("VpcPeeringConnectionId", "vpc_peering_connection"),
    ("EgressOnlyInternetGatewayId", "egress_only_internet_gateway"),
    ("CarrierGatewayId", "carrier_gateway"),
    ("LocalGatewayId", "local_gateway"),
    ("CoreNetworkArn", "core_network"),
    ("NetworkInterfaceId", "network_interface"),
)
#: What a flow log watches, from its resource id's prefix (DescribeFlowLogs does not say).
FLOW_LOG_RESOURCE_TYPES = (
    ("vpc-", "VPC"),
    ("subnet-", "Subnet"),
    ("eni-", "NetworkInterface"),
    ("tgw-attach-", "TransitGatewayAttachment"),
    ("tgw-", "TransitGateway"),
)
GATEWAY_PREFIXES = (
    ("igw-", "internet_gateway"),
    ("vgw-", "virtual_private_gateway"),
    ("vpce-", "vpc_endpoint"),
)

TAGS_DOC = "The tags as a JSON object (key to value)."


# -- helpers -----------------------------------------------------------------------------------
def _arn(ctx: TableContext, kind: str, resource_id: str, owner: str | None = None) -> str:
    """arn:PARTITION:ec2:REGION:OWNER:KIND/ID; the owner defaults to the account read."""
    account = owner or ctx.account_id
    return f"arn:{_partition(ctx.region)}:ec2:{ctx.region}:{account}:{kind}/{resource_id}"


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _tags(resource: dict[str, Any]) -> str:
    return json.dumps(
        {tag["Key"]: tag.get("Value", "") for tag in resource.get("Tags") or []}, sort_keys=True
    )


def _name(resource: dict[str, Any]) -> str | None:
    for tag in resource.get("Tags") or []:
        if tag["Key"] == "Name":
            return tag.get("Value")
    return None


def _json_list(values: Any) -> str:
    return json.dumps(sorted(set(values)))


async def _items(ctx: TableContext, operation: str, key: str, **params: Any) -> list[Any]:
    client = await ctx.client(SERVICE)
    return await ctx.aws.items(client, operation, key, **params)


async def _route_tables(ctx: TableContext) -> list[dict[str, Any]]:
    """Every route table of (account, region), read once a run for subnets and route tables."""

    async def fetch() -> list[dict[str, Any]]:
        return await _items(ctx, "describe_route_tables", "RouteTables", **ROUTE_TABLE_PAGE)

    return await ctx.aws.memo(("ec2.route_tables", ctx.account_id, ctx.region), fetch)


async def _security_groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every security group of (account, region), read once a run for groups and rules."""

    async def fetch() -> list[dict[str, Any]]:
        return await _items(ctx, "describe_security_groups", "SecurityGroups", **PAGE)

    return await ctx.aws.memo(("ec2.security_groups", ctx.account_id, ctx.region), fetch)


# -- instances and volumes ---------------------------------------------------------------------
@table(
    "ec2.instances",
    where="regional",
    key=("instance_id",),
    calls=("ec2:DescribeInstances",),
    columns=(
        ("instance_id", "string", "The instance's id (i-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:instance/ID."),
        ("name", "string", "The Name tag."),
        ("state", "string", "pending, running, stopping, stopped, shutting-down, terminated."),
        ("instance_type", "string", "The instance type, e.g. t3.micro."),
        ("image_id", "string", "The AMI the instance was launched from."),
        ("vpc_id", "string", "The VPC the instance runs in."),
        ("subnet_id", "string", "The subnet the instance runs in."),
        ("private_ip", "string", "The primary private IPv4 address."),
        ("public_ip", "string", "The public IPv4 address; null if none."),
        ("iam_instance_profile_arn", "string", "The attached instance profile; null if none."),
        ("imds_http_tokens", "string", "required (IMDSv2 only) or optional (IMDSv1 allowed)."),
        ("imds_http_endpoint", "string", "enabled or disabled: whether the IMDS answers at all."),
        ("imds_v2_required", "boolean", "Whether the metadata service requires IMDSv2 tokens."),
        (
            "security_group_ids",
            "string",
            "JSON list of the security groups of the instance and its network interfaces.",
        ),
        ("launch_time", "datetime64[ns, UTC]", "When the instance was last launched."),
        ("tags", "string", TAGS_DOC),
    ),
)
async def instances(ctx: TableContext) -> list[dict[str, Any]]:
    """Every EC2 instance, with its network placement, instance profile and metadata settings."""
    reservations = await _items(ctx, "describe_instances", "Reservations", **PAGE)
    rows = []
    for reservation in reservations:
        for instance in reservation.get("Instances") or []:
            metadata = instance.get("MetadataOptions") or {}
            groups = [g["GroupId"] for g in instance.get("SecurityGroups") or []]
            for interface in instance.get("NetworkInterfaces") or []:
                groups += [g["GroupId"] for g in interface.get("Groups") or []]
            tokens = metadata.get("HttpTokens")
            rows.append(
                {
                    "instance_id": instance["InstanceId"],
                    "arn": _arn(
                        ctx, "instance", instance["InstanceId"], reservation.get("OwnerId")
                    ),
                    "name": _name(instance),
                    "state": (instance.get("State") or {}).get("Name"),
                    "instance_type": instance.get("InstanceType"),
                    "image_id": instance.get("ImageId"),
                    "vpc_id": instance.get("VpcId"),
                    "subnet_id": instance.get("SubnetId"),
                    "private_ip": instance.get("PrivateIpAddress"),
                    "public_ip": instance.get("PublicIpAddress"),
                    "iam_instance_profile_arn": (instance.get("IamInstanceProfile") or {}).get(
                        "Arn"
                    ),
                    "imds_http_tokens": tokens,
                    "imds_http_endpoint": metadata.get("HttpEndpoint"),
                    "imds_v2_required": None if tokens is None else tokens == "required",
                    "security_group_ids": _json_list(groups),
                    "launch_time": instance.get("LaunchTime"),
                    "tags": _tags(instance),
                }
            )
    return rows


@table(
    "ec2.volumes",
    where="regional",
    key=("volume_id",),
    calls=("ec2:DescribeVolumes",),
    columns=(
        ("volume_id", "string", "The volume's id (vol-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:volume/ID."),
        ("size_gib", "Int64", "The size in GiB."),
        ("volume_type", "string", "gp2, gp3, io1, io2, st1, sc1 or standard."),
        ("encrypted", "boolean", "Whether the volume is encrypted."),
        ("kms_key_id", "string", "The KMS key that encrypts the volume; null if unencrypted."),
        ("state", "string", "creating, available, in-use, deleting, deleted or error."),
        ("attached_instance_id", "string", "The instance it is attached to (the first, if many)."),
        ("availability_zone", "string", "The volume's availability zone."),
        ("create_time", "datetime64[ns, UTC]", "When the volume was created."),
        ("tags", "string", TAGS_DOC),
    ),
)
async def volumes(ctx: TableContext) -> list[dict[str, Any]]:
    """Every EBS volume, with its size, encryption and the instance it is attached to."""
    found = await _items(ctx, "describe_volumes", "Volumes", **PAGE)
    return [
        {
            "volume_id": volume["VolumeId"],
            "arn": _arn(ctx, "volume", volume["VolumeId"]),
            "size_gib": volume.get("Size"),
            "volume_type": volume.get("VolumeType"),
            "encrypted": bool_or_none(volume.get("Encrypted")),
            "kms_key_id": volume.get("KmsKeyId"),
            "state": volume.get("State"),
            "attached_instance_id": next(
                (a.get("InstanceId") for a in volume.get("Attachments") or []), None
            ),
            "availability_zone": volume.get("AvailabilityZone"),
            "create_time": volume.get("CreateTime"),
            "tags": _tags(volume),
        }
        for volume in found
    ]


# -- networks ----------------------------------------------------------------------------------
@table(
    "ec2.vpcs",
    where="regional",
    key=("vpc_id",),
    calls=("ec2:DescribeVpcs",),
    columns=(
        ("vpc_id", "string", "The VPC's id (vpc-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:vpc/ID."),
        ("name", "string", "The Name tag."),
        ("cidr_block", "string", "The VPC's primary IPv4 CIDR block."),
        ("is_default", "boolean", "Whether this is the region's default VPC."),
        ("state", "string", "pending or available."),
        ("tags", "string", TAGS_DOC),
    ),
)
async def vpcs(ctx: TableContext) -> list[dict[str, Any]]:
    """Every VPC, the region's default VPC included."""
    found = await _items(ctx, "describe_vpcs", "Vpcs", **PAGE)
    return [
        {
            "vpc_id": vpc["VpcId"],
            "arn": _arn(ctx, "vpc", vpc["VpcId"], vpc.get("OwnerId")),
            "name": _name(vpc),
            "cidr_block": vpc.get("CidrBlock"),
            "is_default": bool_or_none(vpc.get("IsDefault")),
            "state": vpc.get("State"),
            "tags": _tags(vpc),
        }
        for vpc in found
    ]


def _routes_to_internet(route_table: dict[str, Any]) -> bool:
    """Whether a route table sends 0.0.0.0/0 or ::/0 to an internet gateway."""
    for route in route_table.get("Routes") or []:
        destination = route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock")
        if (
            destination in INTERNET
            and str(route.get("GatewayId", "")).startswith("igw-")
            and route.get("State") != "blackhole"
        ):
            return True
    return False


@table(
    "ec2.subnets",
    where="regional",
    key=("subnet_id",),
    calls=("ec2:DescribeSubnets", "ec2:DescribeRouteTables"),
    columns=(
        ("subnet_id", "string", "The subnet's id (subnet-...)."),
        ("arn", "string", "The subnet's ARN."),
        ("name", "string", "The Name tag."),
        ("vpc_id", "string", "The VPC the subnet belongs to."),
        ("cidr_block", "string", "The subnet's IPv4 CIDR block."),
        ("availability_zone", "string", "The subnet's availability zone."),
        (
            "map_public_ip_on_launch",
            "boolean",
            "Whether instances launched here get a public IPv4 address by default.",
        ),
        (
            "route_table_id",
            "string",
            "The route table explicitly associated, else the VPC's main route table.",
        ),
        (
            "is_public",
            "boolean",
            "Whether that route table routes 0.0.0.0/0 or ::/0 to an internet gateway.",
        ),
    ),
)
async def subnets(ctx: TableContext) -> list[dict[str, Any]]:
    """Every subnet, with the route table that governs it and whether that makes it public."""
    found, route_tables = await asyncio.gather(
        _items(ctx, "describe_subnets", "Subnets", **PAGE), _route_tables(ctx)
    )
    explicit: dict[str, dict[str, Any]] = {}
    main: dict[str, dict[str, Any]] = {}
    for route_table in route_tables:
        for association in route_table.get("Associations") or []:
            if association.get("Main"):
                main[route_table.get("VpcId", "")] = route_table
            elif association.get("SubnetId"):
                explicit[association["SubnetId"]] = route_table
    rows = []
    for subnet in found:
        route_table = explicit.get(subnet["SubnetId"]) or main.get(subnet.get("VpcId", ""))
        rows.append(
            {
                "subnet_id": subnet["SubnetId"],
                "arn": subnet.get("SubnetArn")
                or _arn(ctx, "subnet", subnet["SubnetId"], subnet.get("OwnerId")),
                "name": _name(subnet),
                "vpc_id": subnet.get("VpcId"),
                "cidr_block": subnet.get("CidrBlock"),
                "availability_zone": subnet.get("AvailabilityZone"),
                "map_public_ip_on_launch": bool_or_none(subnet.get("MapPublicIpOnLaunch")),
                "route_table_id": None if route_table is None else route_table["RouteTableId"],
                "is_public": route_table is not None and _routes_to_internet(route_table),
            }
        )
    return rows


def _route_target(route: dict[str, Any]) -> tuple[str | None, str | None]:
    gateway = route.get("GatewayId")
    if gateway:
        if gateway == "local":
            return gateway, "local"
        for prefix, kind in GATEWAY_PREFIXES:
            if gateway.startswith(prefix):
                return gateway, kind
        return gateway, "gateway"
    for field, kind in ROUTE_TARGETS:
        if route.get(field):
            return route[field], kind
    return None, None


@table(
    "ec2.route_tables",
    where="regional",
    key=("route_table_id", "destination"),
    calls=("ec2:DescribeRouteTables",),
    columns=(
        ("route_table_id", "string", "The route table's id (rtb-...)."),
        ("vpc_id", "string", "The VPC the route table belongs to."),
        ("is_main", "boolean", "Whether it is its VPC's main route table."),
        (
            "associated_subnet_ids",
            "string",
            "JSON list of the subnets explicitly associated with the route table.",
        ),
        ("destination", "string", "The IPv4 or IPv6 CIDR block or prefix list the route matches."),
        ("target", "string", "Where the route sends traffic: local, igw-..., nat-..., i-..."),
        (
            "target_type",
            "string",
            "local, internet_gateway, nat_gateway, instance, network_interface, "
            "transit_gateway, vpc_peering_connection, vpc_endpoint, virtual_private_gateway, ...",
        ),
        ("state", "string", "active, or blackhole when the target is gone."),
    ),
)
async def route_tables(ctx: TableContext) -> list[dict[str, Any]]:
    """Every route of every route table: one row per (route table, destination)."""
    rows = []
    for route_table in await _route_tables(ctx):
        associations = route_table.get("Associations") or []
        subnet_ids = _json_list(a["SubnetId"] for a in associations if a.get("SubnetId"))
        is_main = any(a.get("Main") for a in associations)
        for route in route_table.get("Routes") or []:
            target, target_type = _route_target(route)
            rows.append(
                {
                    "route_table_id": route_table["RouteTableId"],
                    "vpc_id": route_table.get("VpcId"),
                    "is_main": is_main,
                    "associated_subnet_ids": subnet_ids,
                    "destination": route.get("DestinationCidrBlock")
                    or route.get("DestinationIpv6CidrBlock")
                    or route.get("DestinationPrefixListId"),
                    "target": target,
                    "target_type": target_type,
                    "state": route.get("State"),
                }
            )
    return rows


@table(
    "ec2.internet_gateways",
    where="regional",
    key=("internet_gateway_id",),
    calls=("ec2:DescribeInternetGateways",),
    columns=(
        ("internet_gateway_id", "string", "The gateway's id (igw-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:internet-gateway/ID."),
        ("name", "string", "The Name tag."),
        ("attached_vpc_id", "string", "The VPC it is attached to; null if detached."),
        ("state", "string", "The attachment's state (available when attached), or detached."),
    ),
)
async def internet_gateways(ctx: TableContext) -> list[dict[str, Any]]:
    """Every internet gateway and the VPC it is attached to."""
    found = await _items(ctx, "describe_internet_gateways", "InternetGateways", **PAGE)
    rows = []
    for gateway in found:
        attachment = (gateway.get("Attachments") or [{}])[0]
        rows.append(
            {
                "internet_gateway_id": gateway["InternetGatewayId"],
                "arn": _arn(
                    ctx, "internet-gateway", gateway["InternetGatewayId"], gateway.get("OwnerId")
                ),
                "name": _name(gateway),
                "attached_vpc_id": attachment.get("VpcId"),
                "state": attachment.get("State") or "detached",
            }
        )
    return rows


@table(
    "ec2.nat_gateways",
    where="regional",
    key=("nat_gateway_id",),
    calls=("ec2:DescribeNatGateways",),
    columns=(
        ("nat_gateway_id", "string", "The NAT gateway's id (nat-...)."),
        ("vpc_id", "string", "The VPC it serves."),
        ("subnet_id", "string", "The subnet it sits in."),
        ("state", "string", "pending, failed, available, deleting or deleted."),
        ("public_ip", "string", "Its primary public (Elastic) IP; null for a private one."),
        (
            "connectivity_type",
            "string",
            "public or private (public, the API's default, when the answer omits it).",
        ),
    ),
)
async def nat_gateways(ctx: TableContext) -> list[dict[str, Any]]:
    """Every NAT gateway, with where it sits and the public address it translates to."""
    found = await _items(ctx, "describe_nat_gateways", "NatGateways", **PAGE)
    rows = []
    for gateway in found:
        addresses = gateway.get("NatGatewayAddresses") or []
        primary = [a for a in addresses if a.get("IsPrimary")] + addresses
        rows.append(
            {
                "nat_gateway_id": gateway["NatGatewayId"],
                "vpc_id": gateway.get("VpcId"),
                "subnet_id": gateway.get("SubnetId"),
                "state": gateway.get("State"),
                "public_ip": next((a["PublicIp"] for a in primary if a.get("PublicIp")), None),
                "connectivity_type": gateway.get("ConnectivityType") or "public",
            }
        )
    return rows


# -- security groups and network ACLs ---------------------------------------------------------
def _rules(group: dict[str, Any]) -> list[dict[str, Any]]:
    """A group's permissions flattened: one rule per (permission, CIDR, prefix list or group)."""
    rules = []
    for direction, field in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
        for permission in group.get(field) or []:
            protocol = str(permission.get("IpProtocol"))
            every = protocol == "-1"
            base = {
                "group_id": group["GroupId"],
                "group_name": group.get("GroupName"),
                "vpc_id": group.get("VpcId"),
                "direction": direction,
                "protocol": protocol,
                "from_port": None if every else permission.get("FromPort"),
                "to_port": None if every else permission.get("ToPort"),
            }
            sources = (
                [("cidr_ipv4", r.get("CidrIp"), r) for r in permission.get("IpRanges") or []]
                + [("cidr_ipv6", r.get("CidrIpv6"), r) for r in permission.get("Ipv6Ranges") or []]
                + [
                    ("prefix_list_id", r.get("PrefixListId"), r)
                    for r in permission.get("PrefixListIds") or []
                ]
                + [
                    ("referenced_group_id", r.get("GroupId"), r)
                    for r in permission.get("UserIdGroupPairs") or []
                ]
            )
            for column, value, source in sources:
                rules.append(
                    {
                        **base,
                        "cidr_ipv4": None,
                        "cidr_ipv6": None,
                        "prefix_list_id": None,
                        "referenced_group_id": None,
                        column: value,
                        "description": source.get("Description"),
                        "open_to_internet": column in ("cidr_ipv4", "cidr_ipv6")
                        and value in INTERNET,
                    }
                )
    return rules


@table(
    "ec2.security_groups",
    where="regional",
    key=("group_id",),
    calls=("ec2:DescribeSecurityGroups",),
    columns=(
        ("group_id", "string", "The group's id (sg-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:security-group/ID."),
        ("group_name", "string", "The group's name."),
        ("description", "string", "The group's description."),
        ("vpc_id", "string", "The VPC the group belongs to."),
        ("tags", "string", TAGS_DOC),
        (
            "ingress_rule_count",
            "Int64",
            "Inbound rules: one per (permission, CIDR, prefix list or referenced group).",
        ),
        ("egress_rule_count", "Int64", "Outbound rules, counted the same way."),
    ),
)
async def security_groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every security group, default groups included, with how many rules it has each way."""
    rows = []
    for group in await _security_groups(ctx):
        rules = _rules(group)
        rows.append(
            {
                "group_id": group["GroupId"],
                "arn": group.get("SecurityGroupArn")
                or _arn(ctx, "security-group", group["GroupId"], group.get("OwnerId")),
                "group_name": group.get("GroupName"),
                "description": group.get("Description"),
                "vpc_id": group.get("VpcId"),
                "tags": _tags(group),
                "ingress_rule_count": sum(r["direction"] == "ingress" for r in rules),
                "egress_rule_count": sum(r["direction"] == "egress" for r in rules),
            }
        )
    return rows


@table(
    "ec2.security_group_rules",
    where="regional",
    calls=("ec2:DescribeSecurityGroups",),
    columns=(
        ("group_id", "string", "The security group the rule belongs to."),
        ("group_name", "string", "The security group's name."),
        ("vpc_id", "string", "The security group's VPC."),
        ("direction", "string", "ingress or egress."),
        ("protocol", "string", "-1 for all, tcp, udp, icmp, icmpv6 or an IP protocol number."),
        (
            "from_port",
            "Int64",
            "First port (ICMP: type, -1 for every type); null when the protocol is all.",
        ),
        (
            "to_port",
            "Int64",
            "Last port (ICMP: code, -1 for every code); null when the protocol is all.",
        ),
        ("cidr_ipv4", "string", "The IPv4 range the rule allows, if it names one."),
        ("cidr_ipv6", "string", "The IPv6 range the rule allows, if it names one."),
        ("prefix_list_id", "string", "The prefix list the rule allows, if it names one."),
        (
            "referenced_group_id",
            "string",
            "The security group whose members the rule allows, if it names one.",
        ),
        ("description", "string", "The rule's description."),
        ("open_to_internet", "boolean", "Whether the rule allows 0.0.0.0/0 or ::/0."),
    ),
)
async def security_group_rules(ctx: TableContext) -> list[dict[str, Any]]:
    """Every security group rule: one row per (permission, CIDR, prefix list or group)."""
    return [rule for group in await _security_groups(ctx) for rule in _rules(group)]


@table(
    "ec2.network_acls",
    where="regional",
    key=("network_acl_id", "egress", "rule_number"),
    calls=("ec2:DescribeNetworkAcls",),
    columns=(
        ("network_acl_id", "string", "The network ACL's id (acl-...)."),
        ("vpc_id", "string", "The VPC the ACL belongs to."),
        ("is_default", "boolean", "Whether it is its VPC's default ACL."),
        ("associated_subnet_ids", "string", "JSON list of the subnets the ACL governs."),
        ("rule_number", "Int64", "The entry's number: entries apply in increasing order."),
        ("egress", "boolean", "True for an outbound entry, False for an inbound one."),
        ("protocol", "string", "-1 for all, or an IP protocol number (6 tcp, 17 udp, 1 icmp)."),
        ("rule_action", "string", "allow or deny."),
        ("cidr_block", "string", "The IPv4 range the entry matches."),
        ("ipv6_cidr_block", "string", "The IPv6 range the entry matches."),
        ("from_port", "Int64", "First port of the entry's range; null for all."),
        ("to_port", "Int64", "Last port of the entry's range; null for all."),
    ),
)
async def network_acls(ctx: TableContext) -> list[dict[str, Any]]:
    """Every network ACL entry: one row per (ACL, direction, rule number)."""
    found = await _items(ctx, "describe_network_acls", "NetworkAcls", **PAGE)
    rows = []
    for acl in found:
        subnet_ids = _json_list(
            a["SubnetId"] for a in acl.get("Associations") or [] if a.get("SubnetId")
        )
        for entry in acl.get("Entries") or []:
            ports = entry.get("PortRange") or {}
            rows.append(
                {
                    "network_acl_id": acl["NetworkAclId"],
                    "vpc_id": acl.get("VpcId"),
                    "is_default": bool_or_none(acl.get("IsDefault")),
                    "associated_subnet_ids": subnet_ids,
                    "rule_number": entry.get("RuleNumber"),
                    "egress": bool_or_none(entry.get("Egress")),
                    "protocol": entry.get("Protocol"),
                    "rule_action": entry.get("RuleAction"),
                    "cidr_block": entry.get("CidrBlock"),
                    "ipv6_cidr_block": entry.get("Ipv6CidrBlock"),
                    "from_port": ports.get("From"),
                    "to_port": ports.get("To"),
                }
            )
    return rows


@table(
    "ec2.flow_logs",
    where="regional",
    key=("flow_log_id",),
    calls=("ec2:DescribeFlowLogs",),
    columns=(
        ("flow_log_id", "string", "The flow log's id (fl-...)."),
        ("resource_id", "string", "The VPC, subnet, network interface or transit gateway logged."),
        (
            "resource_type",
            "string",
            "VPC, Subnet, NetworkInterface, TransitGateway or TransitGatewayAttachment, from the "
            "resource id's prefix; null when the prefix is unknown.",
        ),
        ("traffic_type", "string", "ACCEPT, REJECT or ALL."),
        ("log_destination_type", "string", "cloud-watch-logs, s3 or kinesis-data-firehose."),
        (
            "log_destination",
            "string",
            "Where the records go: the destination's ARN, else the CloudWatch Logs group name.",
        ),
        ("status", "string", "The flow log's status: ACTIVE."),
        (
            "deliver_logs_status",
            "string",
            "SUCCESS, FAILED (e.g. the log group or permission is missing) or null.",
        ),
    ),
)
async def flow_logs(ctx: TableContext) -> list[dict[str, Any]]:
    """Every flow log, with what it watches, which traffic and where the records go."""
    found = await _items(ctx, "describe_flow_logs", "FlowLogs", **PAGE)
    return [
        {
            "flow_log_id": flow_log["FlowLogId"],
            "resource_id": flow_log.get("ResourceId"),
            "resource_type": _flow_log_resource_type(flow_log.get("ResourceId")),
            "traffic_type": flow_log.get("TrafficType"),
            "log_destination_type": flow_log.get("LogDestinationType"),
            "log_destination": flow_log.get("LogDestination") or flow_log.get("LogGroupName"),
            "status": flow_log.get("FlowLogStatus"),
            "deliver_logs_status": flow_log.get("DeliverLogsStatus"),
        }
        for flow_log in found
    ]


def _flow_log_resource_type(resource_id: str | None) -> str | None:
    for prefix, kind in FLOW_LOG_RESOURCE_TYPES:
        if str(resource_id or "").startswith(prefix):
            return kind
    return None


# -- account settings --------------------------------------------------------------------------
@table(
    "ec2.ebs_encryption_by_default",
    where="regional",
    key=("account_id", "region"),
    calls=("ec2:GetEbsEncryptionByDefault", "ec2:GetEbsDefaultKmsKeyId"),
    columns=(
        ("enabled", "boolean", "Whether new EBS volumes are encrypted by default."),
        (
            "kms_key_id",
            "string",
            "The default KMS key for EBS encryption (alias/aws/ebs unless changed).",
        ),
    ),
)
async def ebs_encryption_by_default(ctx: TableContext) -> list[dict[str, Any]]:
    """Whether EBS encryption by default is on, and its default KMS key: one row per region."""
    client = await ctx.client(SERVICE)
    enabled, key = await asyncio.gather(
        ctx.aws.call(client, "get_ebs_encryption_by_default"),
        ctx.aws.call(client, "get_ebs_default_kms_key_id"),
    )
    return [
        {
            "enabled": bool(enabled.get("EbsEncryptionByDefault")),
            "kms_key_id": key.get("KmsKeyId"),
        }
    ]
