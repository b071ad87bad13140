"""Classic Elastic Load Balancing: Classic Load Balancers and their listeners.

Per account and region: DescribeLoadBalancers of the ``elb`` API (2012-06-01), paged at 400 load
balancers a page, read once and shared by both tables (it answers each load balancer's scheme,
DNS name, VPC, subnets, zones, security groups, instances and listeners with the names of their
policies). Then per load balancer: DescribeLoadBalancerAttributes (access logs, connection
draining, cross-zone load balancing, desync mitigation; 1 call a load balancer, none when no
attribute column is asked for) for ``elb.load_balancers``, and DescribeLoadBalancerPolicies
(1 call a load balancer, none when no policy column is asked for) for ``elb.listeners``, which
names the predefined security policy each HTTPS/SSL listener's negotiation policy refers to.
Classic Load Balancers have no ARN in the API's answer; the tables build the one AWS documents,
``arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/NAME``.
"""

from ..discover import export_tables

export_tables(__name__, globals())
