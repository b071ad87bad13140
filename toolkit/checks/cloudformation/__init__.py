"""CloudFormation checks: FSBP CloudFormation.3 (termination protection) and CloudFormation.4
(service role).

Stacks are named by their name (unique in an account and region among live stacks).
"""
