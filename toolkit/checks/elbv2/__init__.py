"""ELBv2 checks: AWS Foundational Security Best Practices ELB.1, ELB.4, ELB.5 and ELB.6 for
Application, Network and Gateway Load Balancers.

Load balancers are named by their name (unique in an account and region, the one the console
shows). Classic Load Balancers, which ELB.5 also covers, are not in these tables.
"""
