"""Auto Scaling checks: FSBP AutoScaling.1 (ELB health checks behind a load balancer),
AutoScaling.2 (multiple Availability Zones) and AutoScaling.9 (launch templates) of groups;
AutoScaling.3 (IMDSv2) and Autoscaling.5 (public IPs) of launch configurations. Groups and
launch configurations are named by their names, as AWS's CLI names them."""
