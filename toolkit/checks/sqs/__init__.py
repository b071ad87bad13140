"""SQS checks: FSBP SQS.1 (encrypted at rest) and SQS.3 (access policy not public).

Queues are named by their name (unique in an account and region). Whether a policy is public is
judged by ``toolkit.policies.is_public`` (policyuniverse), as AWS Config's
sqs-queue-no-public-access judges it: a wildcard principal counts as public unless a condition
pins it to fixed accounts, organizations, networks or source ARNs.
"""
