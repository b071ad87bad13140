"""IAM Access Analyzer checks: CIS AWS Foundations v3.0.0 1.20 (an analyzer in every region).

Judged per account and region of the collection (its ``meta`` accounts and regions): an
external access analyzer (type ACCOUNT or ORGANIZATION) that is ACTIVE there, the account's own
or one with the organization as zone of trust, held by the management account or a delegated
administrator. The resource id is the account id; the region column says where.
"""
