"""EC2 and VPC checks: CIS AWS Foundations v3.0.0 section 5 (networking), 3.7 (VPC flow logs)
and 2.2.1 (EBS encryption by default), and EC2 best practices beyond them.

Rules are matched to ports without a loop: the rules of ``ec2.security_group_rules`` (or the
entries of ``ec2.network_acls``) are crossed with the ports a check cares about, and a rule
covers a port when its protocol is all (-1), or tcp or udp with the port inside its range. An
instance is joined to its security groups by exploding its ``security_group_ids`` JSON list.
"""

from ._shared import ADMIN_PORTS

__all__ = ["ADMIN_PORTS"]
