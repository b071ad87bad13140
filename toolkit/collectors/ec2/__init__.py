"""Amazon EC2 and VPC: instances, volumes, networks, peerings, network interfaces, security
groups, flow logs, EBS defaults; snapshots, images, launch templates, transit gateways and VPC
endpoints.

Per account and region, fifteen calls whatever the estate's size: DescribeInstances,
DescribeVolumes, DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeInternetGateways,
DescribeNatGateways, DescribeVpcPeeringConnections, DescribeNetworkInterfaces,
DescribeSecurityGroups, DescribeSecurityGroupRules, DescribeNetworkAcls, DescribeFlowLogs,
GetEbsEncryptionByDefault and GetEbsDefaultKmsKeyId. Each Describe* is paged (1,000 items a
page; 100 for route tables), so calls grow only with the number of resources over the page size,
never per subnet, group or instance. Three answers are shared within a run: the route tables
(``ec2.subnets`` derives each subnet's route table and whether it is public from them), the
security groups (``ec2.security_group_rules`` flattens their permissions, one row per rule) and
the network interfaces (``ec2.network_interfaces``, and the ``in_use`` columns of ``ec2.vpcs``,
``ec2.subnets``, ``ec2.security_groups`` and ``ec2.network_acls``: a VPC, subnet or group is in
use when an interface is in it or has it attached, an ACL when a subnet it governs is in use).
Rules come from DescribeSecurityGroups; DescribeSecurityGroupRules only gives them their ids.
Asked for fewer columns, ``ec2.subnets`` reads the route tables only for its routing columns,
the four tables read the network interfaces only for ``in_use``, and
``ec2.ebs_encryption_by_default`` GetEbsDefaultKmsKeyId only for ``kms_key_id``.

Beyond the network, five more calls per account and region: DescribeImages and
DescribeSnapshots (both ``Owners=self``: what the account owns), DescribeLaunchTemplates,
DescribeTransitGateways and DescribeVpcEndpoints; and two per-resource hydrates, each skipped
when its columns are not asked for: DescribeSnapshotAttribute (a snapshot's sharing) and
DescribeLaunchTemplateVersions (a template's default version)."""

from ..discover import export_tables

export_tables(__name__, globals())
