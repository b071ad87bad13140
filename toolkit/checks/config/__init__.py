"""AWS Config checks: CIS AWS Foundations v3.0.0 3.3 (AWS Config enabled in all regions) and AWS
FSBP Config.1 (enabled, and with the service-linked role).

Judged per account and region (resource id the account id, as for EBS encryption by default):
AWS Config records only in the account and region of its recorder. An organization's
aggregator, or a delegated administrator, only gathers what the members' recorders record, so
nothing satisfies the controls centrally: there is no organization-level PASS.
"""
