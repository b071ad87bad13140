"""Elastic Load Balancing v2: Application, Network and Gateway Load Balancers and their listeners.

Per account and region: DescribeLoadBalancers, paged at 400 load balancers a page, read once and
shared by both tables (it answers each load balancer's type, scheme, DNS name, VPC, subnets and
security groups). Then per load balancer: DescribeLoadBalancerAttributes (deletion protection,
access logs, invalid header fields, desync mitigation; 1 call a load balancer, none when no
attribute column is asked for) for ``elbv2.load_balancers``, and DescribeListeners (paged) for
``elbv2.listeners``. An attribute AWS does not name for a type (Network Load Balancers have no
HTTP attributes) is null, not false.
"""

from ..discover import export_tables

export_tables(__name__, globals())
