"""SNS checks: FSBP SNS.4 (access policy not public).

Topics are named by their name (unique in an account and region). Whether a policy is public is
judged by ``toolkit.policies.is_public`` (policyuniverse), as AWS Config's
sns-topic-no-public-access judges it: a wildcard principal counts as public unless a condition
pins it to fixed accounts, organizations, networks or source ARNs (SNS's default policy pins it
with AWS:SourceOwner). FSBP's SNS.1 (encryption with KMS) is retired and not in the standard.
"""
