"""Classic ELB checks: AWS Foundational Security Best Practices ELB.2, ELB.3, ELB.5, ELB.7,
ELB.8, ELB.9, ELB.10 and ELB.14 for Classic Load Balancers.

Load balancers are named by their name (unique in an account and region, the one the console
shows); checks of listeners judge the load balancer, as AWS's controls do.
"""
