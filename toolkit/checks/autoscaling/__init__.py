"""Auto Scaling checks: FSBP AutoScaling.1 (ELB health checks behind a load balancer),
AutoScaling.2 (multiple Availability Zones) and AutoScaling.9 (launch templates). Groups are named by their name, as AWS's CLI names them."""
