"""The network interfaces AWS makes for what services place in a VPC and moto does not.

In AWS, whatever runs in a VPC has a network interface there: that is how the toolkit tells a
VPC, subnet or security group in use from one nothing uses. moto makes interfaces for instances,
NAT gateways, EFS mount targets and interface endpoints, but not for Lambda functions in a VPC,
RDS DB instances nor load balancers. This step makes theirs, as AWS would, after every other
step (so no other resource's id changes): a Lambda function gets one interface per subnet with
its security groups (Hyperplane shares one per subnet and group set); a DB instance in a DB
subnet group one in the group's first subnet with its VPC's default security group (RDS uses it
when the instance names none, as the estate's do); a load balancer, ELBv2 or Classic, one per
subnet (one per Availability Zone) with its security groups. The truth lists each interface made
and what for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..seed import Seeder

#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"service_interfaces": "id"}


@dataclass
class ServiceInterfacesTruth:
    #: the interfaces this step made: id, made_for ("lambda:NAME", "rds:ID"), vpc_id,
    #: subnet_id, security_group_ids
    service_interfaces: list[dict[str, Any]] = field(default_factory=list)


def seed(seeder: Seeder) -> None:
    """The interfaces of the estate's Lambda functions in a VPC, of its DB instances, then of
    its load balancers."""
    truth = seeder.truth
    for function in truth.lambda_functions:
        for subnet_id in function["subnet_ids"]:
            _interface(
                seeder,
                function,
                f"lambda:{function['name']}",
                subnet_id,
                function["security_group_ids"],
                f"AWS Lambda VPC ENI-{function['name']}",
            )
    groups = {(g["account_id"], g["region"], g["name"]): g for g in truth.rds_subnet_groups}
    for instance in truth.rds_instances:
        group = groups.get((instance["account_id"], instance["region"], instance["subnet_group"]))
        if group is None:
            continue
        default = _default_group(seeder, instance, group["vpc_id"])
        _interface(
            seeder,
            instance,
            f"rds:{instance['id']}",
            sorted(group["subnet_ids"])[0],
            [default],
            "RDSNetworkInterface",
        )
    for balancer in truth.elbv2_load_balancers:
        kind = {"application": "app", "network": "net"}.get(balancer["type"], "gwy")
        for subnet_id in balancer["subnet_ids"]:
            _interface(
                seeder,
                balancer,
                f"elbv2:{balancer['name']}",
                subnet_id,
                balancer["security_group_ids"],
                f"ELB {kind}/{balancer['name']}",
            )
    for balancer in truth.elb_load_balancers:
        for subnet_id in balancer["subnet_ids"]:
            _interface(
                seeder,
                balancer,
                f"elb:{balancer['name']}",
                subnet_id,
                balancer["security_group_ids"],
                f"ELB {balancer['name']}",
            )


def _client(seeder: Seeder, row: dict[str, Any]) -> Any:
    keys = {account_id: key for key, account_id in seeder.account_ids.items()}
    session = seeder.sessions[keys[row["account_id"]]]
    return seeder.client(session, "ec2", row["region"])


def _default_group(seeder: Seeder, row: dict[str, Any], vpc_id: str) -> str:
    groups = _client(seeder, row).describe_security_groups(
        Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "group-name", "Values": ["default"]},
        ]
    )["SecurityGroups"]
    return groups[0]["GroupId"]


def _interface(
    seeder: Seeder,
    row: dict[str, Any],
    made_for: str,
    subnet_id: str,
    group_ids: list[str],
    description: str,
) -> None:
    made = _client(seeder, row).create_network_interface(
        SubnetId=subnet_id, Groups=list(group_ids), Description=description
    )["NetworkInterface"]
    seeder.truth.service_interfaces.append(
        {
            "account_id": row["account_id"],
            "region": row["region"],
            "id": made["NetworkInterfaceId"],
            "made_for": made_for,
            "vpc_id": made["VpcId"],
            "subnet_id": subnet_id,
            "security_group_ids": sorted(group_ids),
        }
    )
