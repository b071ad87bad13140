"""Amazon EC2 and VPC: instances, volumes, networks, peerings, security groups, flow logs, EBS
defaults.

Per account and region, thirteen calls whatever the estate's size: DescribeInstances,
DescribeVolumes, DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeInternetGateways,
DescribeNatGateways, DescribeVpcPeeringConnections, DescribeSecurityGroups,
DescribeNetworkAcls, DescribeFlowLogs, GetEbsEncryptionByDefault and GetEbsDefaultKmsKeyId. Each Describe* is paged (1,000 items a
page; 100 for route tables), so calls grow only with the number of resources over the page size,
never per subnet, group or instance. Two answers are shared within a run: the route tables
(``ec2.subnets`` derives each subnet's route table and whether it is public from them) and the
security groups (``ec2.security_group_rules`` flattens their permissions, one row per rule).
Rules come from DescribeSecurityGroups, not DescribeSecurityGroupRules: it is read anyway for
the groups, so the rules cost no call of their own and always agree with the groups' rule
counts. Asked for fewer columns, ``ec2.subnets`` reads the route tables only for its routing
columns and ``ec2.ebs_encryption_by_default`` GetEbsDefaultKmsKeyId only for ``kms_key_id``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
