"""AWS CloudFormation: stacks, with their termination protection and service role.

Per account and region: DescribeStacks, paged (it answers every live stack with its status,
service role and termination protection in one call a page; no per-stack call).
"""

from ..discover import export_tables

export_tables(__name__, globals())
