"""SageMaker checks: FSBP SageMaker.1, .2 and .3 (notebook instances: no direct internet access,
in a VPC of the account, no root access), SageMaker.4 (endpoint configurations: production
variants start with more than one instance) and SageMaker.5 (models: network isolation).

Resources are named by their name (unique in an account and region). A setting whose
description was not read (its Describe call not collected) is not judged: PASS, saying so.
"""
