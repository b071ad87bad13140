"""Amazon EC2 Auto Scaling: groups, with how they launch instances and where, and launch
configurations.

Per account and region: DescribeAutoScalingGroups, paged at 100 groups a page; it answers
every column (the launch template or launch configuration, Availability Zones, load balancers,
health checks, instance types of a mixed instances policy). No per-group call. Likewise
DescribeLaunchConfigurations (100 a page) for the launch configurations.
"""

from ..discover import export_tables

export_tables(__name__, globals())
